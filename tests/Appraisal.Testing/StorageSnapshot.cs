using System.Text;
using Appraisal.Storage;
using Azure.Data.Tables;

namespace Appraisal.Testing;

/// <summary>Everything an account holds — every row of every table, every blob — as text, to compare storage before
/// and after a refused write.</summary>
public static class StorageSnapshot
{
    public static async Task<string> TakeAsync(StorageAccount account)
    {
        var text = new StringBuilder();
        foreach (var name in TableNames.All)
        {
            await foreach (var entity in account.Table(name).QueryAsync<TableEntity>())
            {
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

        foreach (var container in new[] { ContainerNames.Evidence, ContainerNames.Reports })
        {
            await foreach (var blob in account.Container(container).GetBlobsAsync())
            {
                text.Append(container).Append('|').Append(blob.Name).Append('|').Append(blob.Properties.ETag).AppendLine();
            }
        }

        return text.ToString();
    }
}
