using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Appraisal.Storage.Secrets;

/// <summary>The keys container: secrets a host generates for itself when none is configured (a developer's machine, a
/// first install), such as a token-signing key. A secret is random bytes generated once under its name, so it
/// survives restarts and every host over the same storage agrees; of two hosts generating at once the first upload
/// wins (If-None-Match *) and both read that one. A stored secret is never replaced.</summary>
public sealed class SecretStore(StorageAccount account)
{
    private readonly BlobContainerClient _container = account.Container(ContainerNames.Keys);

    /// <summary>The secret stored under <paramref name="name"/>; when there is none yet, <paramref name="length"/>
    /// random bytes stored now.</summary>
    public async Task<byte[]> GetOrCreateAsync(string name, int length, CancellationToken cancel = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var blob = _container.GetBlobClient(name);
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(RandomNumberGenerator.GetBytes(length)), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancel).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Generated before (or by another host just now): use that one.
        }

        return (await blob.DownloadContentAsync(cancel).ConfigureAwait(false)).Value.Content.ToArray();
    }
}
