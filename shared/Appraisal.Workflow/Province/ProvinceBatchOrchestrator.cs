using Appraisal.Workflow.Cycle;
using Microsoft.DurableTask;

namespace Appraisal.Workflow.Province;

/// <summary>Runs one batch of office cycles side by side, each built from its own organisation; a failing office is
/// recorded, not fatal. The custom status lists the offices still running.</summary>
[DurableTask(nameof(ProvinceBatchOrchestrator))]
public sealed class ProvinceBatchOrchestrator : TaskOrchestrator<OfficeBatch, ProvinceOutcome>
{
    public override async Task<ProvinceOutcome> RunAsync(TaskOrchestrationContext context, OfficeBatch input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var running = new SortedSet<string>(input.OfficeIds, StringComparer.Ordinal);
        context.SetCustomStatus(new CycleStatus(ProvinceCycleOrchestrator.Stage, [.. running]));
        var runs = input.OfficeIds.Select(office => RunOfficeAsync(context, input.Settings with { OfficeId = office })).ToList();
        var results = new List<(string Office, string? Failure)>();
        while (runs.Count > 0)
        {
            var done = await Task.WhenAny(runs);
            runs.Remove(done);
            var result = await done;
            results.Add(result);
            running.Remove(result.Office);
            context.SetCustomStatus(new CycleStatus(ProvinceCycleOrchestrator.Stage, [.. running]));
        }

        return ProvinceOutcome.Of(1, results);
    }

    private static async Task<(string Office, string? Failure)> RunOfficeAsync(TaskOrchestrationContext context, CycleStart start)
    {
        try
        {
            var cycle = await context.CallActivityAsync<CycleInput>(nameof(PrepareOfficeCycleActivity), start, WorkflowRetry.Activities);
            await context.CallSubOrchestratorAsync<CycleOutcome>(nameof(AppraisalCycleOrchestrator), cycle, new SubOrchestrationOptions { InstanceId = cycle.InstanceId });
            return (start.OfficeId, null);
        }
        catch (TaskFailedException ex)
        {
            return (start.OfficeId, ex.FailureDetails.ErrorMessage);
        }
    }
}
