using Appraisal.Workflow.Schedules;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Appraisal.Functions.Workflow;

/// <summary>The calendar's timer triggers, one per <see cref="CheckpointKind"/>: each start of a checkpoint is
/// <see cref="CheckpointStarter.FireAsync"/>, as in the self-host.</summary>
/// <remarks>
/// The schedules are app settings, not constants, so an operator can move them without a deployment. The host
/// resolves <c>%name%</c> by looking the name up as a configuration key, and app settings (environment variables)
/// reach its configuration with <c>__</c> turned into <c>:</c>: the setting <c>Schedules__Monthly</c> (the only form
/// Linux plans accept) is the key <c>Schedules:Monthly</c>, the same key <see cref="ScheduleOptions"/> binds in the
/// worker. The setting must exist: the host does not know the defaults in <see cref="Checkpoints"/> and refuses to
/// start a timer whose schedule does not resolve.
/// </remarks>
public sealed class CalendarFunctions(CheckpointStarter starter, ScheduleOptions options, TimeProvider clock)
{
    public const string MonthlySchedule = "%" + ScheduleOptions.Section + ":" + nameof(ScheduleOptions.Monthly) + "%";
    public const string QuarterlySchedule = "%" + ScheduleOptions.Section + ":" + nameof(ScheduleOptions.Quarterly) + "%";
    public const string AnnualSchedule = "%" + ScheduleOptions.Section + ":" + nameof(ScheduleOptions.Annual) + "%";

    /// <summary>A fire that fails (an office not started: <see cref="CheckpointFireException"/>, after the others were)
    /// is run again by the host, 1, 2, 4 … minutes later up to an hour, this many times; offices already started are
    /// not started twice. The self-host does the same with <see cref="ScheduleOptions.RetryDelay"/>.</summary>
    public const int RetryCount = 8;

    public const string RetryMinimumInterval = "00:01:00";

    public const string RetryMaximumInterval = "01:00:00";

    [Function(nameof(MonthlyCheckpoint))]
    [ExponentialBackoffRetry(RetryCount, RetryMinimumInterval, RetryMaximumInterval)]
    public Task MonthlyCheckpoint([TimerTrigger(MonthlySchedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancel) =>
        FireAsync(CheckpointKind.Monthly, timer, client, cancel);

    [Function(nameof(QuarterlyCheckpoint))]
    [ExponentialBackoffRetry(RetryCount, RetryMinimumInterval, RetryMaximumInterval)]
    public Task QuarterlyCheckpoint([TimerTrigger(QuarterlySchedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancel) =>
        FireAsync(CheckpointKind.Quarterly, timer, client, cancel);

    [Function(nameof(AnnualCheckpoint))]
    [ExponentialBackoffRetry(RetryCount, RetryMinimumInterval, RetryMaximumInterval)]
    public Task AnnualCheckpoint([TimerTrigger(AnnualSchedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancel) =>
        FireAsync(CheckpointKind.Annual, timer, client, cancel);

    private async Task FireAsync(CheckpointKind kind, TimerInfo timer, DurableTaskClient client, CancellationToken cancel)
    {
        // The host evaluates the schedule in its local time zone (UTC on Azure unless WEBSITE_TIME_ZONE is set).
        foreach (var fired in TimerFires.Of(kind, timer, options, clock.GetUtcNow().UtcDateTime, TimeZoneInfo.Local))
        {
            await starter.FireAsync(client, kind, fired, cancel).ConfigureAwait(false);
        }
    }
}
