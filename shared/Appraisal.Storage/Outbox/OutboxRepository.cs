using Appraisal.Storage.Infrastructure;
using Azure.Data.Tables;

namespace Appraisal.Storage.Outbox;

/// <summary>The email outbox: partition = a stream (e.g. an office's cycle), row = the message's dedupe key. A
/// <c>Sent</c> column beside the record lets a sender find what is pending across streams.</summary>
public sealed class OutboxRepository(StorageAccount account)
{
    private readonly RecordTable<OutboxMessage> _records = new(account, TableNames.Outbox, (m, e) => e["Sent"] = m.SentAt is not null);

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

    /// <summary>Every message of a stream, sent or not, in key order.</summary>
    public Task<IReadOnlyList<Stored<OutboxMessage>>> AllAsync(string stream, CancellationToken cancel = default) =>
        _records.QueryAsync(Keys.Join("stream", stream), null, cancel);

    public async Task<IReadOnlyList<Stored<OutboxMessage>>> PendingAsync(string stream, CancellationToken cancel = default) =>
        (await AllAsync(stream, cancel).ConfigureAwait(false)).Where(m => m.Value.SentAt is null).ToList();

    /// <summary>Messages not yet sent, in any stream, that no sender holds at <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<Stored<OutboxMessage>>> DueAsync(DateTimeOffset now, int max, CancellationToken cancel = default) =>
        (await _records.WhereAsync(TableClient.CreateQueryFilter($"Sent eq {false}"), max, cancel).ConfigureAwait(false))
            .Where(m => m.Value.SentAt is null && (m.Value.ClaimedUntil is null || m.Value.ClaimedUntil <= now)).ToList();

    /// <summary>Takes a message for sending until <paramref name="until"/>, under its ETag: of two senders, one gets it
    /// and the other conflicts (<see cref="ConcurrencyConflictException"/>).</summary>
    public Task<Stored<OutboxMessage>> ClaimAsync(Stored<OutboxMessage> message, DateTimeOffset until, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _records.ReplaceAsync(message.PartitionKey, message.RowKey, message.Value with { ClaimedUntil = until, Attempts = message.Value.Attempts + 1 }, message.ETag, cancel);
    }

    /// <summary>Marks a message sent under its ETag: of two senders racing, one records it and the other conflicts.</summary>
    public Task<Stored<OutboxMessage>> MarkSentAsync(Stored<OutboxMessage> message, DateTimeOffset at, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _records.ReplaceAsync(message.PartitionKey, message.RowKey, message.Value with { SentAt = at, ClaimedUntil = null, LastError = null }, message.ETag, cancel);
    }

    /// <summary>Records a failed attempt and when the message may be tried again.</summary>
    public Task<Stored<OutboxMessage>> ReleaseAsync(Stored<OutboxMessage> message, DateTimeOffset retryAt, string error, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _records.ReplaceAsync(message.PartitionKey, message.RowKey, message.Value with { ClaimedUntil = retryAt, LastError = error }, message.ETag, cancel);
    }
}
