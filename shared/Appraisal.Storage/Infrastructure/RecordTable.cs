using System.Text.Json;
using System.Text.Json.Serialization;
using Appraisal.Domain.Schemes.Json;
using Azure;
using Azure.Data.Tables;

namespace Appraisal.Storage.Infrastructure;

/// <summary>A table of records held as JSON, with insert-only adds (409 when present) and ETag-guarded replaces
/// (412 when stale) — never insert-or-replace. <paramref name="index"/> may write columns beside the JSON that queries
/// across partitions filter on (the outbox's <c>Sent</c> and <c>NextAttemptAt</c>).</summary>
public sealed class RecordTable<T>(StorageAccount account, string name, Action<T, TableEntity>? index = null)
    where T : class
{
    /// <summary>The domain's JSON, but with nulls written out: a positional record's nullable parameters (a
    /// submission's subject) are required when read back, so omitting them would make the row unreadable.</summary>
    private static readonly JsonSerializerOptions RecordJson = new(DomainJson.Compact) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    private readonly TableClient _table = account.Table(name);

    public async Task<Stored<T>> AddAsync(string partition, string row, T value, CancellationToken cancel = default)
    {
        var entity = ToEntity(partition, row, value);
        try
        {
            var response = await _table.AddEntityAsync(entity, cancel).ConfigureAwait(false);
            return new Stored<T>(partition, row, value, response.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException ex)
        {
            throw TableBatch.Conflict(_table, partition, row, ex);
        }
    }

    /// <summary>Adds many records in transactions (one partition each, up to 100); any that exists fails its transaction.</summary>
    public Task<int> AddManyAsync(IEnumerable<(string Partition, string Row, T Value)> records, CancellationToken cancel = default) =>
        TableBatch.SubmitAsync(_table, records.Select(r => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(r.Partition, r.Row, r.Value))),
            account.Options.WriteParallelism, cancel);

    /// <summary>Adds the records of one partition that are not there yet, in transactions (up to 100 records each): one
    /// request per transaction. A transaction holding a record that exists stores nothing (it is all or none), so its
    /// records are then added one at a time, each that exists left as it is. Returns how many were added.</summary>
    public async Task<int> AddNewAsync(string partition, IEnumerable<(string Row, T Value)> records, CancellationToken cancel = default)
    {
        var added = 0;
        foreach (var chunk in TableBatch.Chunk(records.Select(r => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(partition, r.Row, r.Value)))))
        {
            try
            {
                await _table.SubmitTransactionAsync(chunk, cancel).ConfigureAwait(false);
                added += chunk.Count;
                continue;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
            }

            foreach (var action in chunk)
            {
                try
                {
                    await _table.AddEntityAsync((TableEntity)action.Entity, cancel).ConfigureAwait(false);
                    added++;
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                }
            }
        }

        return added;
    }

    public async Task<Stored<T>?> GetAsync(string partition, string row, CancellationToken cancel = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancel).ConfigureAwait(false);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task<Stored<T>> ReplaceAsync(string partition, string row, T value, ETag etag, CancellationToken cancel = default)
    {
        var entity = ToEntity(partition, row, value);
        try
        {
            var response = await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancel).ConfigureAwait(false);
            return new Stored<T>(partition, row, value, response.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException ex)
        {
            throw ex.Status == 404 ? new KeyNotFoundException($"{_table.Name}({partition}, {row}) does not exist") : TableBatch.Conflict(_table, partition, row, ex);
        }
    }

    /// <summary>Deletes the record if it is still the version read (<paramref name="etag"/>; <c>ETag.All</c>: whatever it is
    /// now); gone already is not an error.</summary>
    public async Task DeleteAsync(string partition, string row, ETag etag, CancellationToken cancel = default)
    {
        try
        {
            await _table.DeleteEntityAsync(partition, row, etag, cancel).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
        catch (RequestFailedException ex)
        {
            throw TableBatch.Conflict(_table, partition, row, ex);
        }
    }

    /// <summary>Deletes up to <paramref name="max"/> records matching an OData filter on the index columns, each only if
    /// unchanged since the query (one changed meanwhile is left). Returns how many were deleted.</summary>
    public async Task<int> DeleteWhereAsync(string filter, int max, CancellationToken cancel = default)
    {
        var deleted = 0;
        foreach (var record in await WhereAsync(filter, max, cancel).ConfigureAwait(false))
        {
            try
            {
                await DeleteAsync(record.PartitionKey, record.RowKey, record.ETag, cancel).ConfigureAwait(false);
                deleted++;
            }
            catch (ConcurrencyConflictException)
            {
            }
        }

        return deleted;
    }

    /// <summary>The records of a partition, optionally those whose row key starts with <paramref name="rowPrefix"/>, in key order.</summary>
    public async Task<IReadOnlyList<Stored<T>>> QueryAsync(string partition, string? rowPrefix = null, CancellationToken cancel = default)
    {
        var filter = rowPrefix is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {rowPrefix} and RowKey lt {rowPrefix + '\uffff'}");
        var records = new List<Stored<T>>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancel).ConfigureAwait(false))
        {
            records.Add(FromEntity(entity));
        }

        return records;
    }

    /// <summary>The records matching an OData filter on the index columns, across partitions, up to <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<Stored<T>>> WhereAsync(string filter, int max, CancellationToken cancel = default)
    {
        var records = new List<Stored<T>>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancel).ConfigureAwait(false))
        {
            records.Add(FromEntity(entity));
            if (records.Count >= max)
            {
                break;
            }
        }

        return records;
    }

    /// <summary>Only the index columns <paramref name="select"/> (and the keys) of up to <paramref name="max"/> records
    /// matching an OData filter, without their JSON: for counting.</summary>
    public async Task<IReadOnlyList<TableEntity>> IndexWhereAsync(string filter, IEnumerable<string> select, int max, CancellationToken cancel = default)
    {
        var rows = new List<TableEntity>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), select: ["PartitionKey", "RowKey", .. select], cancellationToken: cancel).ConfigureAwait(false))
        {
            rows.Add(entity);
            if (rows.Count >= max)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>Writes the index columns anew on the records matching <paramref name="filter"/> that lack
    /// <paramref name="column"/> although the index now writes it for them — records stored before the column existed —
    /// each only if unchanged since read (one changed meanwhile was written by the current index). Reads every match:
    /// for a once-per-process migration, not for every query. Returns how many were rewritten.</summary>
    public async Task<int> ReindexAsync(string filter, string column, CancellationToken cancel = default)
    {
        var rewritten = 0;
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancel).ConfigureAwait(false))
        {
            if (entity.ContainsKey(column))
            {
                continue;
            }

            var indexed = ToEntity(entity.PartitionKey, entity.RowKey, FromEntity(entity).Value);
            if (!indexed.ContainsKey(column))
            {
                continue;
            }

            try
            {
                await _table.UpdateEntityAsync(indexed, entity.ETag, TableUpdateMode.Replace, cancel).ConfigureAwait(false);
                rewritten++;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
            }
        }

        return rewritten;
    }

    private TableEntity ToEntity(string partition, string row, T value)
    {
        var entity = new TableEntity(partition, row);
        TextChunks.Write(entity, "Data", JsonSerializer.Serialize(value, RecordJson));
        index?.Invoke(value, entity);
        return entity;
    }

    private static Stored<T> FromEntity(TableEntity entity) => new(
        entity.PartitionKey,
        entity.RowKey,
        JsonSerializer.Deserialize<T>(TextChunks.Read(entity, "Data"), RecordJson) ?? throw new InvalidDataException($"{entity.PartitionKey}/{entity.RowKey} holds no record"),
        entity.ETag);
}
