using Appraisal.Workflow.Cycle;
using Microsoft.DurableTask;

namespace Appraisal.Workflow.Province;

/// <summary>Runs one batch of office cycles side by side; a failing office is recorded, not fatal.</summary>
[DurableTask(nameof(ProvinceBatchOrchestrator))]
public sealed class ProvinceBatchOrchestrator : TaskOrchestrator<OfficeBatch, ProvinceOutcome>
{
    public override async Task<ProvinceOutcome> RunAsync(TaskOrchestrationContext context, OfficeBatch input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(new CycleStatus("Offices", input.OfficeIds));
        var runs = input.OfficeIds.Select(async office =>
        {
            var cycle = input.Template with { OfficeId = office };
            try
            {
                await context.CallSubOrchestratorAsync<CycleOutcome>(nameof(AppraisalCycleOrchestrator), cycle, new SubOrchestrationOptions { InstanceId = cycle.InstanceId });
                return (office, (string?)null);
            }
            catch (TaskFailedException ex)
            {
                return (office, ex.FailureDetails.ErrorMessage);
            }
        }).ToList();
        var results = await Task.WhenAll(runs);
        return new ProvinceOutcome(1,
            results.Where(r => r.Item2 is null).Select(r => r.office).ToList(),
            results.Where(r => r.Item2 is not null).ToDictionary(r => r.office, r => r.Item2!, StringComparer.Ordinal));
    }
}
