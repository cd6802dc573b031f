using Appraisal.Workflow.Schedules;
using Microsoft.Azure.Functions.Worker;

namespace Appraisal.Functions.Workflow;

/// <summary>The scheduled instants a timer invocation stands for, which is not always "now".</summary>
/// <remarks>
/// The checkpoint is decided by the date in Beijing, and the default schedules fire at 00:00 there: a fire a moment
/// early (the host allows for clock skew) would read the clock on the last day of the month and start nothing. While
/// the invocation runs, <see cref="TimerInfo.ScheduleStatus"/> still holds the status from before it, whose
/// <see cref="ScheduleStatus.Next"/> is the occurrence being fired; that instant is what counts, early or late. A
/// past-due invocation (the host was down) comes once, for the first missed occurrence only, so the later missed
/// ones are taken from the schedule by the rule both hosts share, <see cref="CheckpointFires.From"/>: every missed
/// checkpoint since that occurrence, one fire each, oldest first (the self-host applies the same rule from the last
/// fire it recorded). Without a status (the schedule monitor off) or with one far ahead (run on start-up, or invoked
/// by hand), the invocation stands for now.
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

        return CheckpointFires.From(kind, options.Cron(kind), scheduled, utcNow, Checkpoints.Zone(options.TimeZone), hostZone);
    }

    // The host computes occurrences in its local time and the worker may receive them without a zone.
    private static DateTime ToUtc(DateTime value, TimeZoneInfo hostZone) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => TimeZoneInfo.ConvertTimeToUtc(value, hostZone),
    };
}
