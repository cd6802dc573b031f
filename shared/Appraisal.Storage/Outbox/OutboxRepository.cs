using Appraisal.Storage.Infrastructure;
using Azure.Data.Tables;

namespace Appraisal.Storage.Outbox;

/// <summary>The email outbox: partition = a stream (e.g. an office's cycle), row = the message's dedupe key. Columns
/// beside the record let a sender find what is due across streams without reading what waits: <c>NextAttemptAt</c>
/// (only on messages a sender may take: new, claimed or waiting to retry), <c>Sent</c>, and <c>SetAside</c> on
/// messages that failed too often (or were refused for good), and <c>Office</c> (the office whose mail it is), by which an
/// office's set-aside mail is found.</summary>
public sealed class OutboxRepository(StorageAccount account)
{
    private const string NextAttemptColumn = "NextAttemptAt";

    private readonly RecordTable<OutboxMessage> _records = new(account, TableNames.Outbox, Index);

    /// <summary>Whether this process has given rows written before <c>NextAttemptAt</c> existed their column.</summary>
    private volatile bool _migrated;

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

    /// <summary>Enqueues many messages of one stream (one partition) in entity-group transactions of up to 100: one
    /// request per hundred mails rather than one each. As with <see cref="EnqueueAsync"/>, a message whose key is
    /// there already (a retried activity) is left as it is, and of two messages with one key the first is taken.
    /// Returns how many were enqueued.</summary>
    public Task<int> EnqueueManyAsync(string stream, IEnumerable<OutboxMessage> messages, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return _records.AddNewAsync(Keys.Join("stream", stream),
            messages.DistinctBy(m => m.Key, StringComparer.Ordinal).Select(m => (Keys.Join("key", m.Key), m)), cancel);
    }

    /// <summary>Every message of a stream, sent or not, in key order.</summary>
    public Task<IReadOnlyList<Stored<OutboxMessage>>> AllAsync(string stream, CancellationToken cancel = default) =>
        _records.QueryAsync(Keys.Join("stream", stream), null, cancel);

    public async Task<IReadOnlyList<Stored<OutboxMessage>>> PendingAsync(string stream, CancellationToken cancel = default) =>
        (await AllAsync(stream, cancel).ConfigureAwait(false)).Where(m => m.Value.SentAt is null).ToList();

    /// <summary>Up to <paramref name="max"/> messages, in any stream, that a sender may take at <paramref name="now"/>:
    /// not sent, not set aside, neither held by a sender nor waiting to retry. Found by their next-attempt time, so
    /// however many wait to retry, what is due is found. The first call in a process first gives rows stored before
    /// that column existed their column (they are due then).</summary>
    public async Task<IReadOnlyList<Stored<OutboxMessage>>> DueAsync(DateTimeOffset now, int max, CancellationToken cancel = default)
    {
        if (!_migrated)
        {
            await _records.ReindexAsync(TableClient.CreateQueryFilter($"Sent eq {false}"), NextAttemptColumn, cancel).ConfigureAwait(false);
            _migrated = true;
        }

        return await _records.WhereAsync(TableClient.CreateQueryFilter($"Sent eq {false} and NextAttemptAt le {now}"), max, cancel).ConfigureAwait(false);
    }

    /// <summary>Up to <paramref name="max"/> messages set aside, in any stream, with their last error.</summary>
    public Task<IReadOnlyList<Stored<OutboxMessage>>> FailedAsync(int max, CancellationToken cancel = default) =>
        _records.WhereAsync(TableClient.CreateQueryFilter($"SetAside eq {true}"), max, cancel);

    /// <summary>Up to <paramref name="max"/> messages of one office set aside, in stream and key order. Only the
    /// office's streams are read — the partitions starting with one of <paramref name="streamPrefixes"/> (each ending
    /// in the office id and its separator, so that another office whose id begins alike is cut by the office column)
    /// — never the whole outbox, which grows with every mail ever sent: the dashboard asks this on every view.</summary>
    public Task<IReadOnlyList<Stored<OutboxMessage>>> SetAsideOfAsync(string officeId, IReadOnlyList<string> streamPrefixes, int max, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(streamPrefixes);
        ArgumentOutOfRangeException.ThrowIfZero(streamPrefixes.Count);
        var ranges = string.Join(" or ", streamPrefixes.Select(p =>
            TableClient.CreateQueryFilter($"(PartitionKey ge {Keys.Join("stream", p)} and PartitionKey lt {p[..^1] + (char)(p[^1] + 1)})")));
        return _records.WhereAsync($"({ranges}) and " + TableClient.CreateQueryFilter($"SetAside eq {true} and Office eq {officeId}"), max, cancel);
    }

    /// <summary>One message by its stream and key, or null.</summary>
    public Task<Stored<OutboxMessage>?> FindAsync(string stream, string key, CancellationToken cancel = default) =>
        _records.GetAsync(Keys.Join("stream", stream), Keys.Join("key", key), cancel);

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

    /// <summary>Records the failed attempt after which a message is no longer tried by itself: it keeps the error and
    /// waits for <see cref="ResendAsync(string, string, string?, DateTimeOffset, CancellationToken)"/>.</summary>
    public Task<Stored<OutboxMessage>> SetAsideAsync(Stored<OutboxMessage> message, DateTimeOffset at, string error, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _records.ReplaceAsync(message.PartitionKey, message.RowKey, message.Value with { ClaimedUntil = null, LastError = error, SetAsideAt = at }, message.ETag, cancel);
    }

    /// <summary>Makes a set-aside message due at <paramref name="now"/> with its attempts counted afresh, to
    /// <paramref name="to"/> when given (a corrected address), keeping its last error until it is sent. Anything else
    /// is left as it is.</summary>
    public async Task<OutboxResend> ResendAsync(string stream, string key, string? to, DateTimeOffset now, CancellationToken cancel = default) =>
        await FindAsync(stream, key, cancel).ConfigureAwait(false) is { } stored
            ? await ResendAsync(stored, to, now, cancel).ConfigureAwait(false)
            : OutboxResend.NotFound;

    /// <summary>As <see cref="ResendAsync(string, string, string?, DateTimeOffset, CancellationToken)"/>, for a message as
    /// read, under its ETag: changed since (sent, or resent by someone else), it conflicts
    /// (<see cref="ConcurrencyConflictException"/>) and nothing changes.</summary>
    public async Task<OutboxResend> ResendAsync(Stored<OutboxMessage> stored, string? to, DateTimeOffset now, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Value.SetAsideAt is null || stored.Value.SentAt is not null)
        {
            return OutboxResend.NotSetAside;
        }

        var again = stored.Value with { To = string.IsNullOrWhiteSpace(to) ? stored.Value.To : to.Trim(), SetAsideAt = null, Attempts = 0, ClaimedUntil = now };
        await _records.ReplaceAsync(stored.PartitionKey, stored.RowKey, again, stored.ETag, cancel).ConfigureAwait(false);
        return OutboxResend.Resent;
    }

    /// <summary>The unsent messages per stream, up to <paramref name="max"/> rows read (keys and index columns only):
    /// those a sender still takes (new, held or waiting to retry) and those set aside.</summary>
    public async Task<IReadOnlyList<OutboxCount>> CountUnsentAsync(int max, CancellationToken cancel = default)
    {
        var rows = await _records.IndexWhereAsync(TableClient.CreateQueryFilter($"Sent eq {false}"), ["SetAside"], max, cancel).ConfigureAwait(false);
        return rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal)
            .Select(g => new OutboxCount(g.Key, g.Count(r => r.GetBoolean("SetAside") != true), g.Count(r => r.GetBoolean("SetAside") == true)))
            .ToList();
    }

    private static void Index(OutboxMessage message, TableEntity entity)
    {
        entity["Sent"] = message.SentAt is not null;
        if (message.NextAttemptAt() is { } next)
        {
            entity[NextAttemptColumn] = next;
        }

        if (message.SetAsideAt is not null)
        {
            entity["SetAside"] = true;
        }

        if (message.OfficeId is not null)
        {
            entity["Office"] = message.OfficeId;
        }
    }
}

/// <summary>A stream's unsent messages: still taken by a sender, and set aside.</summary>
public sealed record OutboxCount(string Stream, int Queued, int SetAside);
