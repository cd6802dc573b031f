using System.Diagnostics;
using System.Net.Sockets;

namespace Appraisal.Testing;

/// <summary>Starting an Azurite from the repository's pinned npm package on loopback ports of a test's choosing — in
/// memory, or with its data in a folder so that it starts again with what it had — and the connection string for it.
/// Shared by <see cref="AzuriteFixture"/> and <see cref="PrivateAzurite"/>.</summary>
public static class AzuriteServer
{
    /// <summary>Azurite's published development account (the same for every Azurite; not a secret).</summary>
    public const string DevelopmentAccount =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Starts Azurite on the ports and waits until its blob, queue and table services listen; its data in
    /// <paramref name="location"/> (kept across restarts), or in memory when that is null.</summary>
    public static async Task<Process> StartAsync(int blob, int queue, int table, string? location = null)
    {
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
        string[] persistence = location is null ? ["--inMemoryPersistence"] : ["--location", location];
        foreach (var arg in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}", "--queueHost", "127.0.0.1", "--queuePort", $"{queue}", "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
        }.Concat(persistence).Concat(["--silent", "--loose", "--skipApiVersionCheck", "--disableTelemetry"]))
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
                Stop(process);
                throw new InvalidOperationException($"Azurite did not listen on 127.0.0.1:{blob}, {queue} and {table} within 30 s (exited: {exited})");
            }

            await Task.Delay(100);
        }

        return process;
    }

    /// <summary>The connection string of an Azurite (or of a proxy in front of one) on these loopback ports.</summary>
    public static string ConnectionString(int blob, int queue, int table) =>
        $"{DevelopmentAccount};BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";

    /// <summary>SIGKILL (if still running) and wait for the exit.</summary>
    public static void Stop(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process.Dispose();
    }

    public static async Task<bool> ListeningAsync(int port)
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
}
