using Appraisal.Workflow.Schedules;
using Cronos;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Appraisal.SelfHost.Hosting;

/// <summary>The self-host's timers: the same six-field UTC CRON schedules as the Functions app's timer triggers, read
/// with Cronos. On start it also fires the last occurrence of each schedule within the past day, so a host that was
/// down at midnight still starts the period — the deterministic instance ids make that catch-up harmless.</summary>
public sealed partial class CalendarScheduler(CheckpointStarter starter, DurableTaskClient client, ScheduleOptions options, TimeProvider clock, ILogger<CalendarScheduler> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Enabled ? Task.WhenAll(WorkflowScheduleKinds().Select(kind => RunAsync(kind, stoppingToken))) : Task.CompletedTask;

    private static IEnumerable<CheckpointKind> WorkflowScheduleKinds() => Appraisal.Workflow.Hosting.WorkflowCatalog.Schedules;

    private async Task RunAsync(CheckpointKind kind, CancellationToken stop)
    {
        var cron = CronExpression.Parse(options.Cron(kind), CronFormat.IncludeSeconds);
        var now = clock.GetUtcNow().UtcDateTime;
        var missed = cron.GetOccurrences(now.AddDays(-1), now, TimeZoneInfo.Utc, fromInclusive: true, toInclusive: true).LastOrDefault();
        if (missed != default)
        {
            await FireAsync(kind, missed, stop).ConfigureAwait(false);
        }

        while (!stop.IsCancellationRequested)
        {
            now = clock.GetUtcNow().UtcDateTime;
            if (cron.GetNextOccurrence(now, TimeZoneInfo.Utc) is not { } next)
            {
                return;
            }

            // Task.Delay takes at most ~24.8 days; a schedule further off is waited for in steps.
            var wait = next - now;
            await Task.Delay(wait > TimeSpan.FromDays(20) ? TimeSpan.FromDays(20) : wait, clock, stop).ConfigureAwait(false);
            if (clock.GetUtcNow().UtcDateTime >= next)
            {
                await FireAsync(kind, next, stop).ConfigureAwait(false);
            }
        }
    }

    private async Task FireAsync(CheckpointKind kind, DateTime firedUtc, CancellationToken stop)
    {
        try
        {
            await starter.FireAsync(client, kind, firedUtc, stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed fire is logged and the schedule goes on; the next start's catch-up retries it.
            LogFailed(log, ex, kind, firedUtc);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} checkpoint fired at {FiredUtc:u} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, CheckpointKind kind, DateTime firedUtc);
}
