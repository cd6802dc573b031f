using System.Security.Cryptography;
using Appraisal.Storage;
using Azure;
using Azure.Storage.Blobs.Models;

namespace Appraisal.Workflow.Identity;

/// <summary>Signing keys a host keeps for itself when none is configured (a developer's machine, a first install): a
/// random 32-byte key generated once into the <c>keys</c> container, so it survives restarts and every host over the
/// same storage agrees. Two hosts generating at once: the first upload wins (If-None-Match *) and both read it.
/// Configured keys are base64 of at least 32 bytes.</summary>
public static class HostKeys
{
    public static async Task<byte[]> GetOrCreateAsync(StorageAccount account, string blobName, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(account);
        var blob = account.Container(ContainerNames.Keys).GetBlobClient(blobName);
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

    public static byte[] Decode(string key, string setting)
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
