using Azure.Data.Tables;

namespace Appraisal.Storage;

/// <summary>Whether the storage account answers, as the health endpoint asks it: one row's keys from a small table and
/// the evidence container's existence — two cheap reads, one per service the records and files live in.</summary>
public sealed class StorageProbe(StorageAccount account)
{
    /// <summary>Throws when either service does not answer (or the container is missing).</summary>
    public async Task PingAsync(CancellationToken cancel)
    {
        await foreach (var _ in account.Table(TableNames.TimerFires).QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancel)
            .AsPages(pageSizeHint: 1).ConfigureAwait(false))
        {
            break;
        }

        if (!await account.Container(ContainerNames.Evidence).ExistsAsync(cancel).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"expected the container {ContainerNames.Evidence}, found none");
        }
    }
}
