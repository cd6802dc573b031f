using Appraisal.Storage;

namespace Appraisal.SelfHost.Cli;

/// <summary>Where the CLI's storage is: the environment (<c>Storage__ConnectionString</c>, or <c>Storage__TableServiceUri</c>
/// and <c>Storage__BlobServiceUri</c> for managed identity; <c>Storage__Prefix</c>), Azurite on loopback by default.</summary>
internal static class StorageSettings
{
    public static StorageOptions FromEnvironment()
    {
        var options = new StorageOptions();
        var connection = Environment.GetEnvironmentVariable("Storage__ConnectionString");
        var tables = Environment.GetEnvironmentVariable("Storage__TableServiceUri");
        var blobs = Environment.GetEnvironmentVariable("Storage__BlobServiceUri");
        if (!string.IsNullOrWhiteSpace(tables) || !string.IsNullOrWhiteSpace(blobs))
        {
            options.TableServiceUri = string.IsNullOrWhiteSpace(tables) ? null : new Uri(tables);
            options.BlobServiceUri = string.IsNullOrWhiteSpace(blobs) ? null : new Uri(blobs);
        }
        else
        {
            options.ConnectionString = string.IsNullOrWhiteSpace(connection) ? StorageOptions.DevelopmentConnectionString : connection;
        }

        if (Environment.GetEnvironmentVariable("Storage__Prefix") is { Length: > 0 } prefix)
        {
            options.Prefix = prefix;
        }

        return options;
    }

    /// <summary>The account, with its tables and containers created.</summary>
    public static async Task<StorageAccount> OpenAsync(StorageOptions options, CancellationToken cancel)
    {
        var account = new StorageAccount(options);
        await account.EnsureCreatedAsync(cancel);
        return account;
    }
}
