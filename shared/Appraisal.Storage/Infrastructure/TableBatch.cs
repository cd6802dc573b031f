using Azure;
using Azure.Data.Tables;

namespace Appraisal.Storage.Infrastructure;

/// <summary>Writes many entities as entity-group transactions: grouped by partition, at most 100 entities and
/// about 3.5 MiB per transaction (the service allows 100 and 4 MiB), partitions in parallel.</summary>
public static class TableBatch
{
    public const int MaxEntities = 100;
    public const long MaxBytes = 3_500_000;

    /// <summary>Submits the actions; returns the number of transactions sent. A conflict in any transaction raises
    /// <see cref="ConcurrencyConflictException"/> naming the entity.</summary>
    public static async Task<int> SubmitAsync(TableClient table, IEnumerable<TableTransactionAction> actions, int parallelism, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(actions);
        var chunks = Chunk(actions).ToList();
        var sent = 0;
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancel }, async (chunk, token) =>
        {
            await SubmitChunkAsync(table, chunk, token).ConfigureAwait(false);
            Interlocked.Increment(ref sent);
        }).ConfigureAwait(false);
        return sent;
    }

    internal static async Task SubmitChunkAsync(TableClient table, List<TableTransactionAction> chunk, CancellationToken cancel)
    {
        try
        {
            await table.SubmitTransactionAsync(chunk, cancel).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            var entity = ex.FailedTransactionActionIndex is { } i && i < chunk.Count ? chunk[i].Entity : chunk[0].Entity;
            throw new ConcurrencyConflictException($"{table.Name}({entity.PartitionKey}, {entity.RowKey})", ex.Status, ex);
        }
    }

    /// <summary>Splits actions into transactions: one partition each, within the count and size limits.</summary>
    public static IEnumerable<List<TableTransactionAction>> Chunk(IEnumerable<TableTransactionAction> actions)
    {
        foreach (var partition in actions.GroupBy(a => a.Entity.PartitionKey, StringComparer.Ordinal))
        {
            var chunk = new List<TableTransactionAction>(MaxEntities);
            long bytes = 0;
            foreach (var action in partition)
            {
                var size = EstimateBytes(action.Entity);
                if (chunk.Count == MaxEntities || (chunk.Count > 0 && bytes + size > MaxBytes))
                {
                    yield return chunk;
                    chunk = new List<TableTransactionAction>(MaxEntities);
                    bytes = 0;
                }

                chunk.Add(action);
                bytes += size;
            }

            if (chunk.Count > 0)
            {
                yield return chunk;
            }
        }
    }

    /// <summary>A generous estimate of an entity's size on the wire (JSON, binary as base64).</summary>
    internal static long EstimateBytes(ITableEntity entity)
    {
        long size = 256 + ((entity.PartitionKey.Length + entity.RowKey.Length) * 2L);
        if (entity is TableEntity table)
        {
            foreach (var (key, value) in table)
            {
                size += 16 + (key.Length * 2L) + value switch
                {
                    string s => s.Length * 3L,
                    byte[] b => (b.Length * 4L / 3) + 4,
                    BinaryData d => (d.ToMemory().Length * 4L / 3) + 4,
                    _ => 32,
                };
            }
        }

        return size;
    }

    /// <summary>Maps a failed single-entity write to a conflict when it is one.</summary>
    public static Exception Conflict(TableClient table, string partition, string row, RequestFailedException ex)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(ex);
        return ex.Status is 409 or 412 ? new ConcurrencyConflictException($"{table.Name}({partition}, {row})", ex.Status, ex) : ex;
    }
}
