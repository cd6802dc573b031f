using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Appraisal.Storage.Reports;

/// <summary>The reports container: files the workflow generates — public notices (公示), monthly bulletins (月度通报)
/// and annual archives (年度归档) — each under a name its producer chooses and with its content type. Reports are
/// derived from stored records, so writing one again replaces it; a name that was never written reads as null.</summary>
public sealed class ReportStore(StorageAccount account)
{
    private readonly BlobContainerClient _container = account.Container(ContainerNames.Reports);

    /// <summary>Where a report is kept, as people are told (<c>{container}/{name}</c>).</summary>
    public string Location(string name) => $"{_container.Name}/{name}";

    /// <summary>Stores a report with its content type, replacing one stored under the same name.</summary>
    public async Task PutAsync(string name, BinaryData content, string contentType, CancellationToken cancel = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        await _container.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancel)
            .ConfigureAwait(false);
    }

    /// <summary>A report's content and content type, or null when none is stored under the name.</summary>
    public async Task<StoredReport?> GetAsync(string name, CancellationToken cancel = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        try
        {
            var result = await _container.GetBlobClient(name).DownloadContentAsync(cancel).ConfigureAwait(false);
            return new StoredReport(name, result.Value.Content, result.Value.Details.ContentType);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>A report to read as a stream (large ones are not held in memory), or null when none is stored.</summary>
    public async Task<Stream?> OpenAsync(string name, CancellationToken cancel = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        try
        {
            return await _container.GetBlobClient(name).OpenReadAsync(cancellationToken: cancel).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string name, CancellationToken cancel = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return (await _container.GetBlobClient(name).ExistsAsync(cancel).ConfigureAwait(false)).Value;
    }

    /// <summary>The names of the reports under a prefix (such as <c>notices/{office}/{period}/</c>), in name order.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancel = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var names = new List<string>();
        await foreach (var blob in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancel).ConfigureAwait(false))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
