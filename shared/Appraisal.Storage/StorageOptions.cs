using System.ComponentModel.DataAnnotations;

namespace Appraisal.Storage;

/// <summary>Where the records and evidence live: a connection string (Azurite locally), or account URIs reached
/// with <c>DefaultAzureCredential</c> (managed identity on Azure). Bound from the configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>The local default: Azurite's well-known development account on loopback.</summary>
    public const string DevelopmentConnectionString = "UseDevelopmentStorage=true";

    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? BlobServiceUri { get; set; }

    /// <summary>Prefixed to every table and container name, so that several deployments or tests share an account.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,19}$", ErrorMessage = "expected letters and digits, starting with a letter, at most 20")]
    public string Prefix { get; set; } = "appraisal";

    /// <summary>The largest evidence file accepted, in bytes (default 20 MB).</summary>
    [Range(1, 256L * 1024 * 1024)]
    public long MaxEvidenceBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Retries of throttled (503, 500, 429) and transient failures, with exponential backoff.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 6;

    /// <summary>The time a storage call made while serving an HTTP request may take, its retries included (default
    /// 10 s, 1 s to 5 min): past it the call gives up with <see cref="StorageUnavailableException"/> and the request
    /// answers 503 with <c>Retry-After</c>. Calls outside a request (the durable activities, timers, mail) keep the
    /// longer retries of <see cref="MaxRetries"/>.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Parallel transactions when writing many partitions at once.</summary>
    [Range(1, 64)]
    public int WriteParallelism { get; set; } = 8;

    /// <summary>Checks that exactly one way to reach the account is configured.</summary>
    public void Validate()
    {
        var byUri = TableServiceUri is not null || BlobServiceUri is not null;
        if (string.IsNullOrWhiteSpace(ConnectionString) == !byUri || (byUri && (TableServiceUri is null || BlobServiceUri is null)))
        {
            throw new InvalidOperationException(
                "Storage: expected either Storage:ConnectionString, or both Storage:TableServiceUri and Storage:BlobServiceUri (with managed identity)");
        }

        if (RequestTimeout < TimeSpan.FromSeconds(1) || RequestTimeout > TimeSpan.FromMinutes(5))
        {
            throw new InvalidOperationException($"Storage:RequestTimeout: expected a time from 00:00:01 to 00:05:00, found {RequestTimeout}");
        }
    }
}
