using System.Diagnostics;
using System.Net.Sockets;

namespace Appraisal.Testing;

/// <summary>A private Azurite started from the repository's pinned npm package: in memory, on free loopback ports of
/// its own, stopped (killed) on dispose. A test that needs storage to freeze can pause it (SIGSTOP: the ports stay
/// open and nothing answers, as a hung storage service would) and resume it (SIGCONT).</summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>Azurite's published development account (the same for every Azurite; not a secret).</summary>
    internal const string DevelopmentAccount =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private AzuriteProcess(Process process, string connectionString)
    {
        _process = process;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>Whether the process is stopped by a signal now, as the kernel reports it (state T in /proc).</summary>
    public bool IsPaused => !_process.HasExited && File.ReadAllText($"/proc/{_process.Id}/stat").Split(')')[^1].Trim().StartsWith('T');

    public static async Task<AzuriteProcess> StartAsync()
    {
        var (blob, queue, table) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        var root = AzuriteFixture.RepositoryRoot();
        var azurite = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed: run 'npm ci' in the repository root (expected {azurite})");
        }

        var start = new ProcessStartInfo(azurite)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}", "--queueHost", "127.0.0.1", "--queuePort", $"{queue}", "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
            "--inMemoryPersistence", "--silent", "--loose", "--skipApiVersionCheck", "--disableTelemetry",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await ListeningAsync(blob) && await ListeningAsync(queue) && await ListeningAsync(table)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var exited = process.HasExited;
                process.Kill(entireProcessTree: true);
                process.Dispose();
                throw new InvalidOperationException($"Azurite did not listen on 127.0.0.1:{blob}, {queue} and {table} within 30 s (exited: {exited})");
            }

            await Task.Delay(100);
        }

        return new AzuriteProcess(process, $"{DevelopmentAccount};BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;");
    }

    /// <summary>SIGSTOP: every connection stays open and nothing answers until <see cref="Resume"/>.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>SIGCONT: answers again, with everything it held.</summary>
    public void Resume() => Signal("CONT");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Resume();
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    internal static async Task<bool> ListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, $"{_process.Id}" }, UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} (Azurite) exited with {kill.ExitCode}");
        }
    }
}
