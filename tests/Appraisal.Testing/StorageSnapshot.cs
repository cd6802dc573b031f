using System.Text;
using Appraisal.Storage;
using Azure.Data.Tables;

namespace Appraisal.Testing;

/// <summary>Everything an account holds — every row of every table, every blob — as text, to compare storage before
/// and after a refused write. The audit chains of sign-ins are left out: a test signing someone in between the two
/// snapshots changes no record.</summary>
public static class StorageSnapshot
{
    public static async Task<string> TakeAsync(StorageAccount account)
    {
        var text = new StringBuilder();
        foreach (var name in TableNames.All)
        {
            await foreach (var entity in account.Table(name).QueryAsync<TableEntity>())
            {
                if (name == TableNames.Audit && entity.PartitionKey.Contains("~sign-in-", StringComparison.Ordinal))
                {
                    continue;
                }

                text.Append(name).Append('|').Append(entity.PartitionKey).Append('|').Append(entity.RowKey).Append('|').Append(entity.ETag).Append('|');
                foreach (var (key, value) in entity.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (key is not ("odata.etag" or "Timestamp"))
                    {
                        text.Append(key).Append('=').Append(value is byte[] b ? Convert.ToBase64String(b) : value?.ToString()).Append(';');
                    }
                }

                text.AppendLine();
            }
        }

        foreach (var container in new[] { ContainerNames.Evidence, ContainerNames.Reports, ContainerNames.Cases })
        {
            await foreach (var blob in account.Container(container).GetBlobsAsync())
            {
                text.Append(container).Append('|').Append(blob.Name).Append('|').Append(blob.Properties.ETag).AppendLine();
            }
        }

        return text.ToString();
    }

    /// <summary>What an account holds regardless of where it was written: every row's keys and typed values (no ETags
    /// or timestamps), every blob's name, content hash, content type and metadata — equal for a restored copy.</summary>
    public static async Task<string> ContentAsync(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var text = new StringBuilder();
        foreach (var name in TableNames.All)
        {
            await foreach (var entity in account.Table(name).QueryAsync<TableEntity>())
            {
                text.Append(name).Append('|').Append(entity.PartitionKey).Append('|').Append(entity.RowKey).Append('|');
                foreach (var (key, value) in entity.OrderBy(p => p.Key, StringComparer.Ordinal).Where(p => p.Key is not ("odata.etag" or "Timestamp" or "PartitionKey" or "RowKey")))
                {
                    text.Append(key).Append(':').Append(value?.GetType().Name).Append('=').Append(value is byte[] b ? Convert.ToBase64String(b) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)).Append(';');
                }

                text.AppendLine();
            }
        }

        foreach (var container in ContainerNames.All)
        {
            var client = account.Container(container);
            await foreach (var blob in client.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Traits = Azure.Storage.Blobs.Models.BlobTraits.Metadata }))
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                text.Append(container).Append('|').Append(blob.Name).Append('|').Append(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)))
                    .Append('|').Append(blob.Properties.ContentType).Append('|')
                    .AppendJoin(';', (blob.Metadata ?? new Dictionary<string, string>()).OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value}")).AppendLine();
            }
        }

        return text.ToString();
    }
}
