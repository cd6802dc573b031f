using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Appraisal.Storage.Cases;

/// <summary>The blobs of the cases container: an office's manifest (with its open cases) and its closed parts,
/// gzip-compressed JSON. A part is
/// written once under a new name and never changed; the manifest is written under its ETag.</summary>
internal sealed class CaseBlobs(BlobContainerClient container)
{
    public static string ManifestName(string officeId) => $"{officeId}/manifest.json.gz";

    public static string Prefix(string officeId) => $"{officeId}/";

    /// <summary>The office's manifest and its ETag, or (null, default) when the office has none yet.</summary>
    public async Task<(CaseManifest? Manifest, ETag ETag)> ManifestAsync(string officeId, CancellationToken cancel)
    {
        try
        {
            var result = await container.GetBlobClient(ManifestName(officeId)).DownloadContentAsync(cancel).ConfigureAwait(false);
            return (await UnpackAsync(result.Value.Content, CaseJson.Default.CaseManifest, cancel).ConfigureAwait(false), result.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (null, default);
        }
    }

    /// <summary>Writes the manifest if it is still the one read (<paramref name="etag"/>; default: if there is none
    /// yet); a 409 or 412 <see cref="RequestFailedException"/> says another import came first.</summary>
    public async Task<DateTimeOffset> CommitAsync(string officeId, CaseManifest manifest, ETag etag, CancellationToken cancel)
    {
        var conditions = etag == default ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = etag };
        return await WriteAsync(ManifestName(officeId), await PackAsync(manifest, CaseJson.Default.CaseManifest, cancel).ConfigureAwait(false), conditions, cancel)
            .ConfigureAwait(false);
    }

    /// <summary>Packs one part's cases, sorted by case id, into a new blob and returns its name.</summary>
    public async Task<string> WritePartAsync(string officeId, string part, IEnumerable<StoredCase> cases, CancellationToken cancel)
    {
        var name = $"{officeId}/{part}/{Guid.NewGuid():N}.json.gz";
        var packed = await PackAsync(cases.OrderBy(c => c.Id, StringComparer.Ordinal).ToList(), CaseJson.Default.ListStoredCase, cancel).ConfigureAwait(false);
        await WriteAsync(name, packed, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancel).ConfigureAwait(false);
        return name;
    }

    private async Task<DateTimeOffset> WriteAsync(string name, BinaryData packed, BlobRequestConditions conditions, CancellationToken cancel)
    {
        var info = await container.GetBlobClient(name).UploadAsync(packed,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/gzip" }, Conditions = conditions }, cancel).ConfigureAwait(false);
        return info.Value.LastModified;
    }

    private static async Task<BinaryData> PackAsync<T>(T value, JsonTypeInfo<T> type, CancellationToken cancel)
    {
        using var packed = new MemoryStream();
        await using (var zip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            await JsonSerializer.SerializeAsync(zip, value, type, cancel).ConfigureAwait(false);
        }

        return new BinaryData(packed.ToArray());
    }

    private static async Task<T> UnpackAsync<T>(BinaryData packed, JsonTypeInfo<T> type, CancellationToken cancel)
    {
        await using var zip = new GZipStream(packed.ToStream(), CompressionMode.Decompress);
        return await JsonSerializer.DeserializeAsync(zip, type, cancel).ConfigureAwait(false)
            ?? throw new InvalidDataException($"expected {typeof(T).Name} in a case blob, found null");
    }

    /// <summary>A part's cases, or null when the blob is gone (a later import replaced the part after the manifest
    /// naming it was read: read the manifest again).</summary>
    public async Task<IReadOnlyList<StoredCase>?> ReadPartAsync(CasePart part, CancellationToken cancel)
    {
        try
        {
            var result = await container.GetBlobClient(part.Blob).DownloadContentAsync(cancel).ConfigureAwait(false);
            return await UnpackAsync(result.Value.Content, CaseJson.Default.ListStoredCase, cancel).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Every part of <paramref name="parts"/>, read at once; null when any is gone.</summary>
    public async Task<IReadOnlyList<StoredCase>[]?> ReadPartsAsync(IEnumerable<CasePart> parts, CancellationToken cancel)
    {
        var read = await Task.WhenAll(parts.Select(p => ReadPartAsync(p, cancel))).ConfigureAwait(false);
        return read.Any(r => r is null) ? null : [.. read.Select(r => r!)];
    }

    /// <summary>Deletes blobs no longer named by a manifest; one already gone is fine.</summary>
    public Task DeleteAsync(IEnumerable<string> names, CancellationToken cancel) =>
        Task.WhenAll(names.Select(n => container.GetBlobClient(n).DeleteIfExistsAsync(cancellationToken: cancel)));

    /// <summary>The office's blobs that no manifest names and that were written well before <paramref name="committed"/>
    /// (parts of an import that stopped before its commit; a running import's fresh parts are left alone).</summary>
    public async Task<IReadOnlyList<string>> LeftoversAsync(string officeId, CaseManifest manifest, DateTimeOffset committed, CancellationToken cancel)
    {
        var named = manifest.Parts.Select(p => p.Blob).Append(ManifestName(officeId)).ToHashSet(StringComparer.Ordinal);
        var leftovers = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, Prefix(officeId), cancel).ConfigureAwait(false))
        {
            if (!named.Contains(blob.Name) && blob.Properties.LastModified < committed - LeftoverAge)
            {
                leftovers.Add(blob.Name);
            }
        }

        return leftovers;
    }

    /// <summary>How old an unnamed part must be before it is taken for a stopped import's and deleted.</summary>
    public static readonly TimeSpan LeftoverAge = TimeSpan.FromHours(1);
}
