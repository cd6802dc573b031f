using Appraisal.Domain.Calendar;
using Appraisal.Storage.Calendar;

namespace Appraisal.Workflow.Calendar;

/// <summary>The calendar in force: the shipped years with the years an administrator stored beside them (a stored year
/// stands over a shipped one — a corrected notice). Read from storage at the first deadline counted, not at start-up,
/// then kept for <see cref="CacheFor"/> so a deadline calculation does not read storage each time; a year stored
/// through this process drops the kept calendar at once, one stored by another process (the command line, another
/// instance) is seen within <see cref="CacheFor"/>.</summary>
public sealed class StoredCalendarSource(CalendarRepository years, TimeProvider clock) : IWorkingCalendarSource
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private Kept? _kept;
    private int _version;

    public async Task<WorkingCalendar> CurrentAsync(CancellationToken cancel)
    {
        if (Fresh(_kept) is { } calendar)
        {
            return calendar;
        }

        await _reading.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            // Another caller may have read it while this one waited.
            if (Fresh(_kept) is { } again)
            {
                return again;
            }

            var version = Volatile.Read(ref _version);
            var stored = await years.ListAsync(cancel).ConfigureAwait(false);
            var read = WorkingCalendar.Shipped.With(stored.Select(s => CalendarRepository.Read(s.Value)));
            // A year stored while this read ran is not in it: keep it only when nothing was stored meanwhile.
            if (Volatile.Read(ref _version) == version)
            {
                _kept = new Kept(read, clock.GetUtcNow());
            }

            return read;
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>Drops the kept calendar: the next deadline counted reads storage again (called when a year is stored).</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _version);
        _kept = null;
    }

    private WorkingCalendar? Fresh(Kept? kept) => kept is not null && clock.GetUtcNow() - kept.At < CacheFor ? kept.Calendar : null;

    private sealed record Kept(WorkingCalendar Calendar, DateTimeOffset At);
}
