using System.Diagnostics;
using System.Net.Sockets;
using Appraisal.Storage;
using Xunit;

namespace Appraisal.Testing;

/// <summary>A real Azurite on loopback for the whole test run: reused when one is already listening, otherwise
/// started from the repository's pinned npm package (in memory) and stopped at the end — only what it started.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Process? _started;

    public async Task InitializeAsync()
    {
        if (await ListeningAsync(10002) && await ListeningAsync(10000))
        {
            return;
        }

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
        foreach (var arg in new[] { "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1", "--inMemoryPersistence", "--silent", "--loose", "--skipApiVersionCheck", "--disableTelemetry" })
        {
            start.ArgumentList.Add(arg);
        }

        _started = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start");
        _started.OutputDataReceived += (_, _) => { };
        _started.ErrorDataReceived += (_, _) => { };
        _started.BeginOutputReadLine();
        _started.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await ListeningAsync(10000) && await ListeningAsync(10002)))
        {
            if (_started.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Azurite did not listen on 127.0.0.1:10000-10002 within 30 s (exited: {_started.HasExited})");
            }

            await Task.Delay(100);
        }
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
            ConnectionString = StorageOptions.DevelopmentConnectionString,
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

    private static string RepositoryRoot()
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
