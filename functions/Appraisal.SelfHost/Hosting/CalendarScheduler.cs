using Appraisal.Storage.Timers;
using Appraisal.Workflow.Schedules;
using Cronos;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Appraisal.SelfHost.Hosting;

/// <summary>The self-host's timers: the same six-field UTC CRON schedules as the Functions app's timer triggers, read
/// with Cronos, and the same rule for fires it missed while down (<see cref="CheckpointFires"/>).</summary>
/// <remarks>
/// The Functions host's schedule monitor remembers each timer's last occurrence; the self-host keeps its own memory,
/// the last occurrence of each schedule it fired (<see cref="TimerFireRepository"/>). On start, and again at every
/// occurrence, it fires every checkpoint missed since that record (<see cref="CheckpointFires.After"/>) — so a host
/// down for days over a month's and a quarter's end starts the same periods the Functions app would. Before its
/// first recorded fire it looks back one day only (a new install does not start years of past periods). A fire is
/// recorded once <see cref="CheckpointStarter.FireAsync"/> has returned; one that throws (an office that failed to
/// start, after the others were started) is not, and ends that schedule's catch-up there; it is tried again with
/// backoff (<see cref="ScheduleOptions.RetryDelay"/> doubling up to <see cref="ScheduleOptions.RetryMaxDelay"/>), or at
/// the next occurrence or start if one comes first — the deterministic instance ids make a repeated fire harmless.
/// </remarks>
public sealed partial class CalendarScheduler(
    CheckpointStarter starter, DurableTaskClient client, TimerFireRepository fires, ScheduleOptions options, TimeProvider clock, ILogger<CalendarScheduler> log) : BackgroundService
{
    /// <summary>How far back the first start looks, with no fire recorded yet.</summary>
    public static readonly TimeSpan FirstLookBack = TimeSpan.FromDays(1);

    private readonly DateTime _firstSince = clock.GetUtcNow().UtcDateTime - FirstLookBack;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Enabled ? Task.WhenAll(WorkflowScheduleKinds().Select(kind => RunAsync(kind, stoppingToken))) : Task.CompletedTask;

    private static IEnumerable<CheckpointKind> WorkflowScheduleKinds() => Appraisal.Workflow.Hosting.WorkflowCatalog.Schedules;

    /// <summary>Fires, oldest first, every checkpoint of the schedule due since its last recorded fire (none recorded:
    /// within <see cref="FirstLookBack"/> of the start), recording each as it succeeds; stops at the first that fails.
    /// Returns the occurrences fired and recorded.</summary>
    internal async Task<IReadOnlyList<DateTime>> CatchUpAsync(CheckpointKind kind, CancellationToken stop) =>
        (await CatchUpCoreAsync(kind, stop).ConfigureAwait(false)).Fired;

    /// <summary>As <see cref="CatchUpAsync"/>, and whether every due fire was done (false: try again after a while).</summary>
    private async Task<(IReadOnlyList<DateTime> Fired, bool Complete)> CatchUpCoreAsync(CheckpointKind kind, CancellationToken stop)
    {
        var done = new List<DateTime>();
        try
        {
            var last = await fires.GetAsync(kind.ToString(), stop).ConfigureAwait(false);
            var due = CheckpointFires.After(kind, options.Cron(kind), last?.LastFired.UtcDateTime ?? _firstSince, clock.GetUtcNow().UtcDateTime, Checkpoints.Zone(options.TimeZone));
            foreach (var fired in due)
            {
                if (!await FireAsync(kind, fired, stop).ConfigureAwait(false))
                {
                    return (done, false);
                }

                await fires.RecordAsync(kind.ToString(), new DateTimeOffset(DateTime.SpecifyKind(fired, DateTimeKind.Utc)), clock.GetUtcNow(), stop).ConfigureAwait(false);
                done.Add(fired);
            }
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            // The record could not be read or written: the schedule goes on, and tries again after a while.
            LogCatchUpFailed(log, ex, kind);
            return (done, false);
        }

        return (done, true);
    }

    private async Task RunAsync(CheckpointKind kind, CancellationToken stop)
    {
        var cron = CronExpression.Parse(options.Cron(kind), CronFormat.IncludeSeconds);
        var failures = (await CatchUpCoreAsync(kind, stop).ConfigureAwait(false)).Complete ? 0 : 1;
        while (!stop.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (cron.GetNextOccurrence(now, TimeZoneInfo.Utc) is not { } next)
            {
                return;
            }

            // A failed fire is tried again after 1, 2, 4 … minutes (Schedules:RetryDelay, up to RetryMaxDelay), or at
            // the next occurrence if that comes first; Task.Delay takes at most ~24.8 days, so a far schedule is
            // waited for in steps.
            var wait = next - now;
            if (failures > 0 && options.RetryAfter(failures) < wait)
            {
                wait = options.RetryAfter(failures);
                LogRetrying(log, kind, wait);
            }

            await Task.Delay(wait > TimeSpan.FromDays(20) ? TimeSpan.FromDays(20) : wait, clock, stop).ConfigureAwait(false);
            if (failures > 0 || clock.GetUtcNow().UtcDateTime >= next)
            {
                failures = (await CatchUpCoreAsync(kind, stop).ConfigureAwait(false)).Complete ? 0 : failures + 1;
            }
        }
    }

    private async Task<bool> FireAsync(CheckpointKind kind, DateTime firedUtc, CancellationToken stop)
    {
        try
        {
            await starter.FireAsync(client, kind, firedUtc, stop).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            LogFailed(log, ex, kind, firedUtc);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} checkpoint fired at {FiredUtc:u} failed; not recorded, tried again after a while")]
    private static partial void LogFailed(ILogger logger, Exception exception, CheckpointKind kind, DateTime firedUtc);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} schedule: catching up missed fires failed; tried again after a while")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception, CheckpointKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} schedule: a fire failed; trying again in {Wait}")]
    private static partial void LogRetrying(ILogger logger, CheckpointKind kind, TimeSpan wait);
}
