using Appraisal.Storage.Organisation;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Telemetry;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Appraisal.Workflow.Schedules;

/// <summary>What a timer fire does, in either host: turns the fire into its checkpoint (or nothing, on a day 28–31 that
/// is not the eve of the 1st in Beijing) and starts each office's orchestration for the period just ended. Instance
/// ids are deterministic, so a late or repeated fire starts nothing twice.</summary>
public sealed partial class CheckpointStarter(OrganisationRepository organisation, CycleStarter starter, ScheduleOptions options, ILogger<CheckpointStarter> log)
{
    /// <summary>Starts the checkpoint's orchestrations; returns the instance ids started now (not those already there).
    /// Each office is started on its own: a refused office is logged and skipped; an office that fails otherwise is
    /// logged, the others are started, and then the fire throws <see cref="CheckpointFireException"/> so that it is not
    /// recorded as done and is tried again (offices already started are not started twice).</summary>
    public async Task<IReadOnlyList<string>> FireAsync(DurableTaskClient client, CheckpointKind kind, DateTime firedUtc, CancellationToken cancel)
    {
        using var activity = AppraisalTelemetry.Source.StartActivity("appraisal.timer.fire");
        activity?.SetTag("appraisal.checkpoint", kind.ToString());
        var checkpoint = Checkpoints.For(kind, firedUtc, Checkpoints.Zone(options.TimeZone));
        if (checkpoint is null)
        {
            return [];
        }

        var offices = options.Offices.Count > 0 ? options.Offices.ToList() : await organisation.OfficeIdsAsync(cancel).ConfigureAwait(false);
        var started = new List<string>();
        var failed = new List<string>();
        foreach (var office in offices)
        {
            try
            {
                var (id, isNew) = await starter.StartAsync(client, new CycleStart(office, checkpoint.Period.ToString()), cancel).ConfigureAwait(false);
                if (isNew)
                {
                    started.Add(id);
                }
            }
            catch (RequestRefusedException ex)
            {
                // One office's missing scheme or organisation must not hold back the others; firing again would not help.
                LogRefused(log, kind, office, checkpoint.Period.ToString(), ex.Message);
            }
            catch (Exception ex) when (!cancel.IsCancellationRequested)
            {
                // Nor must one office's fault (storage, the durable backend): the others are started, then the fire fails.
                LogFailed(log, ex, kind, office, checkpoint.Period.ToString());
                failed.Add(office);
            }
        }

        LogFired(log, kind, checkpoint.Period.ToString(), started.Count, offices.Count);
        return failed.Count == 0
            ? started
            : throw new CheckpointFireException(kind, checkpoint.Period.ToString(), failed, started.Count);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} checkpoint: office {Office} {Period} failed to start; the fire is tried again")]
    private static partial void LogFailed(ILogger logger, Exception exception, CheckpointKind kind, string office, string period);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} checkpoint: office {Office} {Period} not started: {Reason}")]
    private static partial void LogRefused(ILogger logger, CheckpointKind kind, string office, string period, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} checkpoint {Period}: started {Started} of {Offices} offices")]
    private static partial void LogFired(ILogger logger, CheckpointKind kind, string period, int started, int offices);
}
