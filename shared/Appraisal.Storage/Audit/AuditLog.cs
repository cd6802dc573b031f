using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Appraisal.Storage.Infrastructure;
using Azure;
using Azure.Data.Tables;

namespace Appraisal.Storage.Audit;

/// <summary>The append-only audit log: one hash chain per office and period (partition <c>office~period</c>), so
/// concurrent writers of different offices never queue behind one another. Rows are keyed by inverted sequence, the
/// newest first; an entry's hash covers its fields and the previous entry's hash, so any edit breaks the chain.</summary>
public sealed class AuditLog(StorageAccount account)
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const long MaxSequence = 999_999_999_999;
    private const int MaxAttempts = 20;

    /// <summary>The most chains whose newest entry is kept in memory; past it the memory starts afresh.</summary>
    public const int MaxChainsKept = 10_000;

    private readonly TableClient _table = account.Table(TableNames.Audit);

    /// <summary>The newest entry this process appended or read, by chain. Entries never change and their sequence has
    /// no gaps, so appending after it is right unless another writer appended since — and then the insert of the same
    /// sequence number conflicts and the chain is asked again. In one process an append is then one request.</summary>
    private readonly ConcurrentDictionary<string, (long Sequence, string Hash)> _newest = new(StringComparer.Ordinal);

    public static string Partition(string officeId, string period) => Keys.Join("audit", officeId, period);

    /// <summary>Appends an entry after the newest; when another writer took that place first, reads again and retries.</summary>
    public Task<AuditEntry> AppendAsync(string officeId, string period, string actor, string action, string target, string? before, string? after, DateTimeOffset at, CancellationToken cancel = default) =>
        AppendAfterAsync(null, officeId, period, actor, action, target, before, after, at, cancel);

    /// <summary>Appends as <see cref="AppendAsync"/>, the first attempt after <paramref name="read"/> when given — the
    /// chain as just read, newest last, so the newest is not asked for again (a stale one conflicts like any other).</summary>
    private async Task<AuditEntry> AppendAfterAsync(IReadOnlyList<AuditEntry>? read, string officeId, string period, string actor, string action, string target, string? before, string? after,
        DateTimeOffset at, CancellationToken cancel)
    {
        var partition = Partition(officeId, period);
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0 && read is not null)
            {
                // Appending once: after a conflict the chain is read again, and an entry for the step found there (a
                // retried insert that had been stored, or another host's run of the same step) stands for it.
                read = await ReadAsync(officeId, period, cancel).ConfigureAwait(false);
                if (read.FirstOrDefault(e => e.Action == action && e.Target == target) is { } recorded)
                {
                    return recorded;
                }
            }

            var (last, previous) = read is not null ? (read.Count > 0 ? (read[^1].Sequence, read[^1].Hash) : (0, Genesis))
                : attempt == 0 && _newest.TryGetValue(partition, out var kept) ? kept
                : await LatestAsync(partition, cancel).ConfigureAwait(false) is { } latest ? (latest.Sequence, latest.Hash) : (0, Genesis);
            var entry = new AuditEntry(last + 1, at, actor, action, target, before, after, previous, string.Empty);
            entry = entry with { Hash = HashOf(entry) };
            try
            {
                await _table.AddEntityAsync(ToEntity(partition, entry), cancel).ConfigureAwait(false);
                Keep(partition, entry, replace: false);
                return entry;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                _newest.TryRemove(partition, out _);
                if (attempt >= MaxAttempts)
                {
                    throw new ConcurrencyConflictException($"audit chain {partition} (still contended after {MaxAttempts} attempts)", 409, ex);
                }

                // Someone appended this sequence number first; chain onto theirs.
                await Task.Delay(Random.Shared.Next(5, 25 * (attempt + 1)), cancel).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Appends an entry unless the chain already holds one with the same action and target: a retried step
    /// (an activity run again after a crash) records itself once. Returns the entry that stands for it.</summary>
    public async Task<AuditEntry> AppendOnceAsync(string officeId, string period, string actor, string action, string target, string? before, string? after, DateTimeOffset at, CancellationToken cancel = default)
    {
        var chain = await ReadAsync(officeId, period, cancel).ConfigureAwait(false);
        return chain.FirstOrDefault(e => e.Action == action && e.Target == target)
            ?? await AppendAfterAsync(chain, officeId, period, actor, action, target, before, after, at, cancel).ConfigureAwait(false);
    }

    /// <summary>Every entry of a chain, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string officeId, string period, CancellationToken cancel = default)
    {
        var entries = new List<AuditEntry>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition(officeId, period), cancellationToken: cancel).ConfigureAwait(false))
        {
            entries.Add(FromEntity(entity));
        }

        entries.Reverse();
        if (entries.Count > 0)
        {
            // What storage holds now, even when less than what was kept (a chain restored from a backup).
            Keep(Partition(officeId, period), entries[^1], replace: true);
        }
        else
        {
            _newest.TryRemove(Partition(officeId, period), out _);
        }

        return entries;
    }

    /// <summary>Keeps <paramref name="entry"/> as the chain's newest: read from storage, as it is
    /// (<paramref name="replace"/>); appended, unless a later one is kept already.</summary>
    private void Keep(string partition, AuditEntry entry, bool replace)
    {
        if (_newest.Count >= MaxChainsKept)
        {
            _newest.Clear();
        }

        _newest.AddOrUpdate(partition, (entry.Sequence, entry.Hash), (_, kept) => !replace && kept.Sequence >= entry.Sequence ? kept : (entry.Sequence, entry.Hash));
    }

    /// <summary>Recomputes the chain: every hash, every link, no gap in the sequence.</summary>
    public async Task<AuditVerification> VerifyAsync(string officeId, string period, CancellationToken cancel = default) =>
        Verify(await ReadAsync(officeId, period, cancel).ConfigureAwait(false));

    /// <summary>Recomputes a chain read from anywhere (storage, or an archive's extract), oldest entry first.</summary>
    public static AuditVerification Verify(IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var previous = Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Sequence != i + 1)
            {
                return new(entries.Count, i + 1, $"expected entry {i + 1}, found entry {entry.Sequence}: an entry is missing");
            }

            if (entry.PreviousHash != previous)
            {
                return new(entries.Count, entry.Sequence, $"expected the previous hash {previous[..12]}…, found {entry.PreviousHash[..Math.Min(12, entry.PreviousHash.Length)]}…: the chain is broken");
            }

            var computed = HashOf(entry);
            if (computed != entry.Hash)
            {
                return new(entries.Count, entry.Sequence, $"expected the hash of its content {computed[..12]}…, found {entry.Hash[..Math.Min(12, entry.Hash.Length)]}…: the entry was altered");
            }

            previous = entry.Hash;
        }

        return new(entries.Count, null, null);
    }

    /// <summary>SHA-256 over the entry's fields and the previous hash, as a JSON array (unambiguous).</summary>
    internal static string HashOf(AuditEntry entry)
    {
        var canonical = JsonSerializer.Serialize(new[]
        {
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            entry.Actor,
            entry.Action,
            entry.Target,
            entry.Before,
            entry.After,
            entry.PreviousHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private async Task<AuditEntry?> LatestAsync(string partition, CancellationToken cancel)
    {
        await foreach (var page in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, maxPerPage: 1, cancellationToken: cancel).AsPages().ConfigureAwait(false))
        {
            return page.Values.Count > 0 ? FromEntity(page.Values[0]) : null;
        }

        return null;
    }

    private static string Row(long sequence) => (MaxSequence - sequence).ToString("D12", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(string partition, AuditEntry entry)
    {
        var entity = new TableEntity(partition, Row(entry.Sequence))
        {
            ["Sequence"] = entry.Sequence,
            // As text: the hash covers this exact string, whatever precision the service keeps for dates.
            ["At"] = entry.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["Actor"] = entry.Actor,
            ["Action"] = entry.Action,
            ["Target"] = entry.Target,
            ["PreviousHash"] = entry.PreviousHash,
            ["Hash"] = entry.Hash,
        };
        TextChunks.Write(entity, "Before", entry.Before ?? string.Empty);
        TextChunks.Write(entity, "After", entry.After ?? string.Empty);
        entity["HasBefore"] = entry.Before is not null;
        entity["HasAfter"] = entry.After is not null;
        return entity;
    }

    private static AuditEntry FromEntity(TableEntity e) => new(
        e.GetInt64("Sequence") ?? 0,
        DateTimeOffset.Parse(e.GetString("At") ?? "0001-01-01T00:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        e.GetString("Actor") ?? string.Empty,
        e.GetString("Action") ?? string.Empty,
        e.GetString("Target") ?? string.Empty,
        e.GetBoolean("HasBefore") == true ? TextChunks.Read(e, "Before") : null,
        e.GetBoolean("HasAfter") == true ? TextChunks.Read(e, "After") : null,
        e.GetString("PreviousHash") ?? string.Empty,
        e.GetString("Hash") ?? string.Empty);
}
