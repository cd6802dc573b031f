using Appraisal.Domain.Periods;

namespace Appraisal.Workflow.Schedules;

/// <summary>Turns a timer fire into the checkpoint it stands for, in the office's time zone (Beijing by default).</summary>
/// <remarks>
/// Azure Functions CRON runs in UTC, and 00:00 Beijing time on the 1st is 16:00 UTC on the last day of the previous
/// month, which NCRONTAB cannot name. So the default schedules fire at 16:00 UTC on days 28–31 (of every month, of
/// March/June/September/December, of December), and this class keeps only the fire that falls on the 1st in
/// Beijing: <c>0 0 16 28-31 * *</c> and its like work unchanged on Functions, in the self-host, and with
/// <c>WEBSITE_TIME_ZONE</c> unset. A fire that comes late (any time on the 1st, local) still names the same period.
/// </remarks>
public static class Checkpoints
{
    public const string DefaultTimeZone = "Asia/Shanghai";
    public const string MonthlyCron = "0 0 16 28-31 * *";
    public const string QuarterlyCron = "0 0 16 28-31 3,6,9,12 *";
    public const string AnnualCron = "0 0 16 31 12 *";

    /// <summary>The checkpoint a fire at <paramref name="firedUtc"/> stands for, or null when it is not the 1st there
    /// (or, for quarterly and annual ones, not the first day of a quarter or year).</summary>
    public static Checkpoint? For(CheckpointKind kind, DateTime firedUtc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(firedUtc, DateTimeKind.Utc), zone);
        if (local.Day != 1)
        {
            return null;
        }

        var ended = DateOnly.FromDateTime(local).AddDays(-1);
        return kind switch
        {
            CheckpointKind.Monthly => new Checkpoint(kind, Period.Month(ended.Year, ended.Month)),
            CheckpointKind.Quarterly when local.Month is 1 or 4 or 7 or 10 => new Checkpoint(kind, Period.Quarter(ended.Year, ((ended.Month - 1) / 3) + 1)),
            CheckpointKind.Annual when local.Month == 1 => new Checkpoint(kind, Period.OfYear(ended.Year)),
            _ => null,
        };
    }

    public static TimeZoneInfo Zone(string? id = null) => TimeZoneInfo.FindSystemTimeZoneById(id ?? DefaultTimeZone);
}
