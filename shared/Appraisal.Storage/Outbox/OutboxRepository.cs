using Appraisal.Storage.Infrastructure;

namespace Appraisal.Storage.Outbox;

/// <summary>The email outbox: partition = a stream (e.g. an office's cycle), row = the message's dedupe key.</summary>
public sealed class OutboxRepository(StorageAccount account)
{
    private readonly RecordTable<OutboxMessage> _records = new(account, TableNames.Outbox);

    /// <summary>Enqueues a message; false when a message with that key is already there (nothing changes).</summary>
    public async Task<bool> EnqueueAsync(string stream, OutboxMessage message, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await _records.AddAsync(Keys.Join("stream", stream), Keys.Join("key", message.Key), message, cancel).ConfigureAwait(false);
            return true;
        }
        catch (ConcurrencyConflictException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<Stored<OutboxMessage>>> PendingAsync(string stream, CancellationToken cancel = default) =>
        (await _records.QueryAsync(Keys.Join("stream", stream), null, cancel).ConfigureAwait(false)).Where(m => m.Value.SentAt is null).ToList();

    /// <summary>Marks a message sent under its ETag: of two senders racing, one records it and the other conflicts.</summary>
    public Task<Stored<OutboxMessage>> MarkSentAsync(Stored<OutboxMessage> message, DateTimeOffset at, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _records.ReplaceAsync(message.PartitionKey, message.RowKey, message.Value with { SentAt = at }, message.ETag, cancel);
    }
}
