using System.Diagnostics;
using Appraisal.Storage;
using Xunit;

namespace Appraisal.Testing;

/// <summary>A real Azurite on loopback for a test assembly's run: the one on the default ports (10000–10002) when
/// one is listening there, otherwise a private one started from the repository's pinned npm package, in memory, on
/// free ports of its own — so that test assemblies running side by side never stop each other's — and stopped at
/// the end: only what it started.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Process? _started;

    /// <summary>The connection string of the Azurite in use.</summary>
    public static string ConnectionString { get; private set; } = StorageOptions.DevelopmentConnectionString;

    public async Task InitializeAsync()
    {
        if (await AzuriteServer.ListeningAsync(10002) && await AzuriteServer.ListeningAsync(10000))
        {
            ConnectionString = StorageOptions.DevelopmentConnectionString;
            return;
        }

        var (blob, queue, table) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        _started = await AzuriteServer.StartAsync(blob, queue, table);
        ConnectionString = AzuriteServer.ConnectionString(blob, queue, table);
    }

    public Task DisposeAsync()
    {
        if (_started is not null)
        {
            AzuriteServer.Stop(_started);
        }

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
