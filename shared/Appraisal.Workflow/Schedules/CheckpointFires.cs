using Cronos;

namespace Appraisal.Workflow.Schedules;

/// <summary>The one rule for catching up missed timer fires, in both hosts: every occurrence of the schedule since the
/// last one handled, up to now, that starts a checkpoint — one fire per distinct checkpoint, oldest first.</summary>
/// <remarks>
/// The default schedules fire on days 28–31 and only one of those is the eve of the 1st in the office's time zone
/// (<see cref="Checkpoints.For"/>), so occurrences that name no checkpoint are dropped and a checkpoint named by
/// several occurrences is fired once, at its first. A host down from 28 February to 3 April fires February's and
/// March's monthly checkpoints and the first quarter's, whichever host it is: the Functions app learns where the gap
/// starts from its schedule monitor (the first missed occurrence, <see cref="From"/>), the self-host from the last
/// fire it recorded (<see cref="After"/>). Firing a checkpoint twice is harmless — its instance ids are deterministic.
/// </remarks>
public static class CheckpointFires
{
    /// <summary>The fires due after <paramref name="lastFiredUtc"/>, the last scheduled occurrence already fired (not
    /// fired again, nor any other occurrence of its checkpoint), up to and including <paramref name="utcNow"/>.</summary>
    /// <param name="kind">The checkpoint's kind.</param>
    /// <param name="cron">The six-field CRON expression (with seconds), as the timers read it.</param>
    /// <param name="lastFiredUtc">The last occurrence already fired, in UTC.</param>
    /// <param name="utcNow">Now, in UTC.</param>
    /// <param name="zone">The time zone checkpoints are counted in (<see cref="ScheduleOptions.TimeZone"/>).</param>
    /// <param name="cronZone">The time zone the CRON expression is read in: UTC unless the host says otherwise.</param>
    public static IReadOnlyList<DateTime> After(CheckpointKind kind, string cron, DateTime lastFiredUtc, DateTime utcNow, TimeZoneInfo zone, TimeZoneInfo? cronZone = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var last = AsUtc(lastFiredUtc);
        var done = Checkpoints.For(kind, last, zone);
        return Due(kind, Occurrences(cron, last, utcNow, cronZone), zone)
            .Where(f => done is null || f.Checkpoint != done)
            .Select(f => f.Fired)
            .ToList();
    }

    /// <summary>The fires due from <paramref name="firstMissedUtc"/>, the first scheduled occurrence not fired (itself
    /// included), up to and including <paramref name="utcNow"/>.</summary>
    /// <param name="kind">The checkpoint's kind.</param>
    /// <param name="cron">The six-field CRON expression (with seconds), as the timers read it.</param>
    /// <param name="firstMissedUtc">The first occurrence not yet fired, in UTC.</param>
    /// <param name="utcNow">Now, in UTC.</param>
    /// <param name="zone">The time zone checkpoints are counted in (<see cref="ScheduleOptions.TimeZone"/>).</param>
    /// <param name="cronZone">The time zone the CRON expression is read in: UTC unless the host says otherwise.</param>
    public static IReadOnlyList<DateTime> From(CheckpointKind kind, string cron, DateTime firstMissedUtc, DateTime utcNow, TimeZoneInfo zone, TimeZoneInfo? cronZone = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var first = AsUtc(firstMissedUtc);
        var occurrences = first <= AsUtc(utcNow) ? Occurrences(cron, first, utcNow, cronZone).Prepend(first) : [];
        return Due(kind, occurrences, zone).Select(f => f.Fired).ToList();
    }

    private static IEnumerable<DateTime> Occurrences(string cron, DateTime afterUtc, DateTime utcNow, TimeZoneInfo? cronZone) =>
        CronExpression.Parse(cron, CronFormat.IncludeSeconds)
            .GetOccurrences(afterUtc, AsUtc(utcNow), cronZone ?? TimeZoneInfo.Utc, fromInclusive: false, toInclusive: true);

    private static IEnumerable<(DateTime Fired, Checkpoint Checkpoint)> Due(CheckpointKind kind, IEnumerable<DateTime> occurrences, TimeZoneInfo zone) =>
        occurrences
            .Select(t => (Fired: t, Checkpoint: Checkpoints.For(kind, t, zone)))
            .Where(f => f.Checkpoint is not null)
            .Select(f => (f.Fired, Checkpoint: f.Checkpoint!))
            .DistinctBy(f => f.Checkpoint);

    // Occurrences come back from Cronos in UTC; an instant without a zone is taken as UTC, as the schedules are.
    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
