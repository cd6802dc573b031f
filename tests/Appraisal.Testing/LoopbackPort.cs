using System.Net;
using System.Net.Sockets;

namespace Appraisal.Testing;

/// <summary>A port on loopback that nothing listens on right now, for a server a test starts (a host, Azurite, slapd, an
/// identity provider).</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
