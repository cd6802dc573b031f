using System.Diagnostics;
using System.Globalization;

namespace Appraisal.Testing;

/// <summary>An Azurite of one test's own, with its data on disk (a temporary folder) rather than in memory, so that it
/// can be paused (SIGSTOP: connections are accepted by the kernel, nothing answers), resumed (SIGCONT), killed
/// (SIGKILL) and started again on the same ports with the data it had.</summary>
public sealed class PrivateAzurite : IAsyncDisposable
{
    private readonly TempFolder _data = new();
    private Process? _process;

    public int BlobPort { get; } = LoopbackPort.Free();

    public int QueuePort { get; } = LoopbackPort.Free();

    public int TablePort { get; } = LoopbackPort.Free();

    /// <summary>Its connection string (straight to it, past any proxy).</summary>
    public string ConnectionString => AzuriteServer.ConnectionString(BlobPort, QueuePort, TablePort);

    /// <summary>Whether the process is stopped by a signal now, as the kernel reports it (state T in /proc): a test
    /// asserts an answer came while storage was still frozen by this, not by a stopwatch.</summary>
    public bool IsStopped => _process is { HasExited: false } process
        && File.ReadAllText($"/proc/{process.Id}/stat").Split(')')[^1].Trim().StartsWith('T');

    /// <summary>How often Azurite writes what it holds to its folder: a SIGKILL loses the writes it acknowledged since
    /// — which Azure Storage never does — so a test that means storage to come back with every acknowledged write keeps
    /// requests away from it (<see cref="FaultProxy.Down"/>) for longer than this before <see cref="Kill"/>.</summary>
    public static TimeSpan SaveInterval { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Starts it (again, after <see cref="Kill"/>) and waits until it listens.</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("Azurite is running already");
        }

        _process?.Dispose();
        _process = await AzuriteServer.StartAsync(BlobPort, QueuePort, TablePort, _data.Path);
    }

    /// <summary>SIGSTOP: it keeps its sockets, and requests wait unanswered until <see cref="Resume"/>.</summary>
    public void Pause()
    {
        Signal("STOP");
    }

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume()
    {
        Signal("CONT");
    }

    /// <summary>SIGKILL: nothing flushed (see <see cref="SaveInterval"/>), the ports closed; <see cref="StartAsync"/>
    /// starts it again over the same data.</summary>
    public void Kill()
    {
        if (_process is not null)
        {
            AzuriteServer.Stop(_process);
            _process = null;
        }
    }

    private void Signal(string signal)
    {
        var pid = (_process ?? throw new InvalidOperationException("Azurite is not running")).Id;
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, pid.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {pid} exited with {kill.ExitCode}");
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _data.Dispose();
        return ValueTask.CompletedTask;
    }
}
