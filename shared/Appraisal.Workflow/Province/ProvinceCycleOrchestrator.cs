using Appraisal.Workflow.Cycle;
using Microsoft.DurableTask;

namespace Appraisal.Workflow.Province;

/// <summary>A province's quarter: office cycles fanned out in batches (each a sub-orchestration running its offices
/// side by side), so that no history passes a few hundred events however many offices there are.</summary>
[DurableTask(nameof(ProvinceCycleOrchestrator))]
public sealed class ProvinceCycleOrchestrator : TaskOrchestrator<ProvinceInput, ProvinceOutcome>
{
    public override async Task<ProvinceOutcome> RunAsync(TaskOrchestrationContext context, ProvinceInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var size = Math.Clamp(input.BatchSize, 1, 200);
        var batches = input.OfficeIds.Chunk(size).Select((offices, i) => new OfficeBatch(i + 1, input.Template, offices)).ToList();
        context.SetCustomStatus(new CycleStatus("Offices", [], null));
        var outcomes = await Task.WhenAll(batches.Select(b => context.CallSubOrchestratorAsync<ProvinceOutcome>(
            nameof(ProvinceBatchOrchestrator), b, new SubOrchestrationOptions { InstanceId = $"{input.InstanceId}:batch:{b.Number}" })));
        return new ProvinceOutcome(
            batches.Count,
            outcomes.SelectMany(o => o.Completed).ToList(),
            outcomes.SelectMany(o => o.Failed).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal));
    }
}
