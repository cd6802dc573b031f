using System.Diagnostics;
using System.Net.Sockets;
using Appraisal.Storage;
using Xunit;

namespace Appraisal.Testing;

/// <summary>A real Azurite on loopback for a test assembly's run: the one on the default ports (10000–10002) when
/// one is listening there, otherwise a private one started from the repository's pinned npm package, in memory, on
/// free ports of its own — so that test assemblies running side by side never stop each other's — and stopped at
/// the end: only what it started.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's published development account (the same for every Azurite; not a secret).</summary>
    private const string DevelopmentAccount =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _started;

    /// <summary>The connection string of the Azurite in use.</summary>
    public static string ConnectionString { get; private set; } = StorageOptions.DevelopmentConnectionString;

    public async Task InitializeAsync()
    {
        if (await ListeningAsync(10002) && await ListeningAsync(10000))
        {
            ConnectionString = StorageOptions.DevelopmentConnectionString;
            return;
        }

        var (blob, queue, table) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());

        var root = RepositoryRoot();
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

        _started = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start");
        _started.OutputDataReceived += (_, _) => { };
        _started.ErrorDataReceived += (_, _) => { };
        _started.BeginOutputReadLine();
        _started.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await ListeningAsync(blob) && await ListeningAsync(table)))
        {
            if (_started.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Azurite did not listen on 127.0.0.1:{blob} and {table} within 30 s (exited: {_started.HasExited})");
            }

            await Task.Delay(100);
        }

        ConnectionString = $"{DevelopmentAccount};BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }


    public Task DisposeAsync()
    {
        if (_started is { HasExited: false })
        {
            _started.Kill(entireProcessTree: true);
            _started.WaitForExit(5000);
        }

        _started?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A storage account with fresh table and container names, so tests never see each other's records.</summary>
    public static async Task<StorageAccount> FreshAccountAsync(long maxEvidenceBytes = 20L * 1024 * 1024)
    {
        var account = new StorageAccount(new StorageOptions
        {
            ConnectionString = ConnectionString,
            Prefix = "t" + Guid.NewGuid().ToString("N")[..12],
            MaxEvidenceBytes = maxEvidenceBytes,
        });
        await account.EnsureCreatedAsync();
        return account;
    }

    private static async Task<bool> ListeningAsync(int port)
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

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && File.Exists(Path.Combine(dir.FullName, "Appraisal.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("could not find the repository root (package.json beside Appraisal.Functions.sln) above " + AppContext.BaseDirectory);
    }
}
