using System.Security.Cryptography;
using Appraisal.Storage;
using Azure;
using Azure.Storage.Blobs.Models;

namespace Appraisal.Workflow.Approvals;

/// <summary>The link-signing keys: the configured key (and previous ones), or — when none is configured, as on a
/// developer's machine — a random 32-byte key generated once and kept in the <c>keys</c> container, so links survive
/// restarts and every self-host over the same storage agrees. Two hosts generating at once: the first upload wins
/// (If-None-Match *) and both read it.</summary>
public sealed class ApprovalKeys(ApprovalOptions options, StorageAccount account)
{
    public const string BlobName = "approval-signing.key";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (byte[] Current, IReadOnlyList<byte[]> Previous)? _keys;

    public async Task<(byte[] Current, IReadOnlyList<byte[]> Previous)> GetAsync(CancellationToken cancel)
    {
        if (_keys is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            _keys ??= (await CurrentAsync(cancel).ConfigureAwait(false), options.PreviousSigningKeys.Select(k => Decode(k, "Approvals:PreviousSigningKeys")).ToList());
            return _keys.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<byte[]> CurrentAsync(CancellationToken cancel)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return Decode(options.SigningKey, "Approvals:SigningKey");
        }

        var blob = account.Container(ContainerNames.Keys).GetBlobClient(BlobName);
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(RandomNumberGenerator.GetBytes(32)), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancel).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Generated before (or by another host just now): use that one.
        }

        return (await blob.DownloadContentAsync(cancel).ConfigureAwait(false)).Value.Content.ToArray();
    }

    private static byte[] Decode(string key, string setting)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(key);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{setting}: expected a base64 key, found text that is not base64");
        }

        return bytes.Length >= 32 ? bytes : throw new InvalidOperationException($"{setting}: expected at least 32 bytes, found {bytes.Length}");
    }
}
