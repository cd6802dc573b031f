using Appraisal.Workflow.Schedules;
using Cronos;
using Microsoft.Azure.Functions.Worker;

namespace Appraisal.Functions.Workflow;

/// <summary>The scheduled instants a timer invocation stands for, which is not always "now".</summary>
/// <remarks>
/// The checkpoint is decided by the date in Beijing, and the default schedules fire at 00:00 there: a fire a moment
/// early (the host allows for clock skew) would read the clock on the last day of the month and start nothing. While
/// the invocation runs, <see cref="TimerInfo.ScheduleStatus"/> still holds the status from before it, whose
/// <see cref="ScheduleStatus.Next"/> is the occurrence being fired; that instant is what counts, early or late. A
/// past-due invocation (the host was down) comes once, for the first missed occurrence only, so the later missed
/// ones are taken from the schedule too — one instant per checkpoint, since the schedule fires on days 28–31 and only
/// one of them is the eve of the 1st. Without a status (the schedule monitor off) or with one far ahead (run on
/// start-up, or invoked by hand), the invocation stands for now.
/// </remarks>
internal static class TimerFires
{
    /// <summary>How far ahead of now a scheduled occurrence may be and still be the one firing (the host fires early by
    /// well under a second; anything further ahead is an unscheduled run).</summary>
    public static readonly TimeSpan EarlyAllowance = TimeSpan.FromMinutes(1);

    public static IReadOnlyList<DateTime> Of(CheckpointKind kind, TimerInfo timer, ScheduleOptions options, DateTime utcNow, TimeZoneInfo hostZone)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(options);
        if (timer.ScheduleStatus is not { } status || status.Next == default)
        {
            return [utcNow];
        }

        var scheduled = ToUtc(status.Next, hostZone);
        if (scheduled > utcNow + EarlyAllowance)
        {
            return [utcNow];
        }

        if (!timer.IsPastDue)
        {
            return [scheduled];
        }

        var zone = Checkpoints.Zone(options.TimeZone);
        var cron = CronExpression.Parse(options.Cron(kind), CronFormat.IncludeSeconds);
        return cron.GetOccurrences(scheduled, utcNow, hostZone, fromInclusive: false, toInclusive: true)
            .Prepend(scheduled)
            .Select(t => (Fired: t, Checkpoint: Checkpoints.For(kind, t, zone)))
            .Where(f => f.Checkpoint is not null)
            .DistinctBy(f => f.Checkpoint)
            .Select(f => f.Fired)
            .ToList();
    }

    // The host computes occurrences in its local time and the worker may receive them without a zone.
    private static DateTime ToUtc(DateTime value, TimeZoneInfo hostZone) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => TimeZoneInfo.ConvertTimeToUtc(value, hostZone),
    };
}
