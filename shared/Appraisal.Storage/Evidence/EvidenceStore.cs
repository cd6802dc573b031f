using System.Globalization;
using System.Security.Cryptography;
using Appraisal.Storage.Infrastructure;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Appraisal.Storage.Evidence;

/// <summary>Evidence (证明材料) in Blob storage under its SHA-256: content-addressed, never overwritten, type decided
/// by content, size limited, hash checked on every read. Each upload is also recorded in the Evidence table
/// (partition = hash, row = upload time and uploader).</summary>
public sealed class EvidenceStore(StorageAccount account)
{
    private readonly BlobContainerClient _container = account.Container(ContainerNames.Evidence);
    private readonly TableClient _table = account.Table(TableNames.Evidence);

    public static string BlobName(string sha256) => "sha256/" + sha256;

    /// <summary>The largest file stored (<see cref="StorageOptions.MaxEvidenceBytes"/>); larger ones are refused.</summary>
    public long MaxBytes => account.Options.MaxEvidenceBytes;

    /// <summary>Stores a file; the same content stored twice is one blob. Refused (and nothing stored) when too
    /// large, of a type not allowed, or badly named.</summary>
    public Task<EvidenceRef> PutAsync(Stream content, string? fileName, string uploadedBy, DateTimeOffset at, CancellationToken cancel = default) =>
        PutAsync(content, fileName, new EvidenceUpload(uploadedBy, at, null, null, null), cancel);

    /// <summary>Stores a file for an upload that names its office, department and period; the same content stored
    /// twice is one blob with two uploads.</summary>
    public async Task<EvidenceRef> PutAsync(Stream content, string? fileName, EvidenceUpload upload, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(upload);
        var (uploadedBy, at) = (upload.UploadedBy, upload.At);
        Keys.Check("uploadedBy", uploadedBy);
        var name = FileNames.Sanitise(fileName);
        var bytes = await ReadLimitedAsync(content, MaxBytes, cancel).ConfigureAwait(false);
        var type = ContentSniffer.Detect(bytes)
            ?? throw new EvidenceRejectedException("content", "expected a PDF, JPEG, PNG, DOCX or XLSX file (decided by content, not by name), found something else");
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var blob = _container.GetBlobClient(BlobName(sha));
        try
        {
            await blob.UploadAsync(new BinaryData(bytes), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = type },
                Metadata = new Dictionary<string, string> { ["sha256"] = sha },
            }, cancel).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Already stored: content-addressed, so it is the same file; never overwrite it.
        }

        var row = new TableEntity(sha, Keys.Join("upload", at.UtcDateTime.ToString("yyyyMMddTHHmmssfffffff", CultureInfo.InvariantCulture), uploadedBy))
        {
            ["ContentType"] = type,
            ["Size"] = (long)bytes.Length,
            ["FileName"] = name,
            ["UploadedBy"] = uploadedBy,
            ["UploadedAt"] = at,
            ["OfficeId"] = upload.OfficeId,
            ["DepartmentId"] = upload.DepartmentId,
            ["Period"] = upload.Period,
        };
        await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancel).ConfigureAwait(false);
        return new EvidenceRef(sha, type, bytes.Length, name);
    }

    /// <summary>Reads a file back, checking its hash; a mismatch raises <see cref="EvidenceTamperedException"/>.</summary>
    public async Task<(byte[] Content, string ContentType)> OpenAsync(string sha256, CancellationToken cancel = default)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"sha256: expected 64 lowercase hex digits, found '{sha256}'", nameof(sha256));
        }

        var blob = _container.GetBlobClient(BlobName(sha256));
        var result = await blob.DownloadContentAsync(cancel).ConfigureAwait(false);
        var content = result.Value.Content.ToArray();
        var actual = Convert.ToHexStringLower(SHA256.HashData(content));
        return actual == sha256
            ? (content, result.Value.Details.ContentType)
            : throw new EvidenceTamperedException(sha256, actual);
    }

    /// <summary>A stored file's type and size (without reading it), or null when there is none.</summary>
    public async Task<(string ContentType, long Size)?> DescribeAsync(string sha256, CancellationToken cancel = default)
    {
        var blob = _container.GetBlobClient(BlobName(sha256));
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancel).ConfigureAwait(false);
            return (properties.Value.ContentType, properties.Value.ContentLength);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Every upload of a file, oldest first (none when it was never uploaded).</summary>
    public async Task<IReadOnlyList<EvidenceUpload>> UploadsAsync(string sha256, CancellationToken cancel = default)
    {
        var uploads = new List<EvidenceUpload>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == sha256, cancellationToken: cancel).ConfigureAwait(false))
        {
            uploads.Add(new EvidenceUpload(e.GetString("UploadedBy") ?? string.Empty, e.GetDateTimeOffset("UploadedAt") ?? DateTimeOffset.MinValue,
                e.GetString("OfficeId"), e.GetString("DepartmentId"), e.GetString("Period")));
        }

        return uploads;
    }

    public async Task<bool> ExistsAsync(string sha256, CancellationToken cancel = default) =>
        (await _container.GetBlobClient(BlobName(sha256)).ExistsAsync(cancel).ConfigureAwait(false)).Value;

    private static async Task<byte[]> ReadLimitedAsync(Stream content, long limit, CancellationToken cancel)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancel).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new EvidenceRejectedException("content", $"expected at most {limit} bytes, found more");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0 ? throw new EvidenceRejectedException("content", "expected a file, found an empty one") : buffer.ToArray();
    }
}
