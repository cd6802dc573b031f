using Appraisal.Storage.Infrastructure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace Appraisal.Storage;

/// <summary>The storage account: table and blob clients built once from <see cref="StorageOptions"/>, with retries
/// and a request counter on every call; a call made for an HTTP request (<see cref="StorageRequestScope"/>) is bounded by
/// <see cref="StorageOptions.RequestTimeout"/>, its retries included.</summary>
public sealed class StorageAccount
{
    public StorageAccount(StorageOptions options)
        : this(options, null)
    {
    }

    /// <summary>With an extra policy run on every attempt (tests use it to inject throttling).</summary>
    internal StorageAccount(StorageOptions options, HttpPipelinePolicy? perAttempt)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        var (perCall, perAttemptBound) = RequestTimeBoundPolicy.Create(options.RequestTimeout, NetworkTimeout);
        var tableOptions = new TableClientOptions();
        var blobOptions = new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06);
        foreach (var clientOptions in new ClientOptions[] { tableOptions, blobOptions })
        {
            clientOptions.Retry.Mode = RetryMode.Exponential;
            clientOptions.Retry.MaxRetries = options.MaxRetries;
            clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(200);
            clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(10);
            clientOptions.Retry.NetworkTimeout = NetworkTimeout;
            clientOptions.AddPolicy(perCall, HttpPipelinePosition.PerCall);
            clientOptions.AddPolicy(perAttemptBound, HttpPipelinePosition.PerRetry);
            clientOptions.AddPolicy(Requests, HttpPipelinePosition.PerRetry);
            if (perAttempt is not null)
            {
                clientOptions.AddPolicy(perAttempt, HttpPipelinePosition.PerRetry);
            }
        }

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            Tables = new TableServiceClient(options.ConnectionString, tableOptions);
            Blobs = new BlobServiceClient(options.ConnectionString, blobOptions);
        }
        else
        {
            var credential = new DefaultAzureCredential();
            Tables = new TableServiceClient(options.TableServiceUri!, credential, tableOptions);
            Blobs = new BlobServiceClient(options.BlobServiceUri!, credential, blobOptions);
        }
    }

    /// <summary>The longest one attempt may wait for an answer (a request's attempts get at most the time it has left).</summary>
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(100);

    public StorageOptions Options { get; }

    public TableServiceClient Tables { get; }

    public BlobServiceClient Blobs { get; }

    /// <summary>Every request sent through this account's clients.</summary>
    public RequestCounter Requests { get; } = new();

    /// <summary>The table for a record kind, named with the configured prefix.</summary>
    public TableClient Table(string name) => Tables.GetTableClient(Options.Prefix + name);

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient((Options.Prefix + "-" + name).ToLowerInvariant());

    /// <summary>Creates every table and container the repositories use (idempotent).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancel = default)
    {
        foreach (var table in TableNames.All.Concat(TableNames.SignIn))
        {
            await Table(table).CreateIfNotExistsAsync(cancel).ConfigureAwait(false);
        }

        foreach (var container in ContainerNames.All)
        {
            await Container(container).CreateIfNotExistsAsync(cancellationToken: cancel).ConfigureAwait(false);
        }
    }
}
