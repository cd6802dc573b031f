using System.Net.Sockets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;

namespace Appraisal.Testing;

/// <summary>The in-process durable test host on a port the system hands out. Left to itself the host draws a random
/// port between 30000 and 40000 without asking whether it is taken — inside the range the system lends to outgoing
/// connections, so on a busy machine it sometimes is. Here the port is the system's, and a start that still loses the
/// race for it is tried again on another.</summary>
public static class DurableTestHost
{
    public static async Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> register, DurableTaskTestHostOptions? options = null)
    {
        options ??= new DurableTaskTestHostOptions();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                options.Port = LoopbackPort.Free();
                return await DurableTaskTestHost.StartAsync(register, options);
            }
            catch (IOException e) when (attempt < 5 && e.GetBaseException() is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
            }
        }
    }
}
