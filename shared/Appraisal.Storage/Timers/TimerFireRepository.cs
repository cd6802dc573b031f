using Appraisal.Storage.Infrastructure;

namespace Appraisal.Storage.Timers;

/// <summary>Timer fires: partition = schedule (<c>Monthly</c>, <c>Quarterly</c>, <c>Annual</c>), row = <c>last</c>. The
/// record only moves forward: it is changed under its ETag, a concurrent change is read again, and an older fire than
/// the one recorded changes nothing — so two hosts over one account, or a slow fire finishing late, never move it back.</summary>
public sealed class TimerFireRepository(StorageAccount account)
{
    private const string Row = "last";
    private const int Attempts = 5;

    private readonly RecordTable<TimerFire> _records = new(account, TableNames.TimerFires);

    /// <summary>The schedule's last recorded fire, or null before its first.</summary>
    public async Task<TimerFire?> GetAsync(string schedule, CancellationToken cancel = default) =>
        (await _records.GetAsync(Keys.Join("schedule", schedule), Row, cancel).ConfigureAwait(false))?.Value;

    /// <summary>Records that <paramref name="fired"/> (a scheduled occurrence) was fired, unless a later one is recorded
    /// already; returns the record as it stands.</summary>
    public async Task<TimerFire> RecordAsync(string schedule, DateTimeOffset fired, DateTimeOffset at, CancellationToken cancel = default)
    {
        var partition = Keys.Join("schedule", schedule);
        var record = new TimerFire(schedule, fired, at);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await _records.GetAsync(partition, Row, cancel).ConfigureAwait(false);
            if (stored is not null && stored.Value.LastFired >= fired)
            {
                return stored.Value;
            }

            try
            {
                var written = stored is null
                    ? await _records.AddAsync(partition, Row, record, cancel).ConfigureAwait(false)
                    : await _records.ReplaceAsync(partition, Row, record, stored.ETag, cancel).ConfigureAwait(false);
                return written.Value;
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                // Another host recorded a fire between our read and write: read it again and compare.
            }
        }
    }
}
