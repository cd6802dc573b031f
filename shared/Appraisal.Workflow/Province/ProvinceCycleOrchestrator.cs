using Appraisal.Domain.Cycles;
using Appraisal.Workflow.Cycle;
using Microsoft.DurableTask;

namespace Appraisal.Workflow.Province;

/// <summary>A province's quarter: office cycles fanned out in batches (each a sub-orchestration running its offices
/// side by side), so that no history passes a few hundred events however many offices there are. The custom status
/// lists the batches still running.</summary>
[DurableTask(nameof(ProvinceCycleOrchestrator))]
public sealed class ProvinceCycleOrchestrator : TaskOrchestrator<ProvinceInput, ProvinceOutcome>
{
    /// <summary>The stage a province and its batches report while their offices run.</summary>
    public const CycleStage Stage = CycleStage.Offices;

    public override async Task<ProvinceOutcome> RunAsync(TaskOrchestrationContext context, ProvinceInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var size = Math.Clamp(input.BatchSize, 1, ProvinceInput.MaxBatchSize);
        var batches = input.OfficeIds.Chunk(size).Select((offices, i) => new OfficeBatch(i + 1, input.Settings, offices)).ToList();
        var running = new SortedSet<string>(batches.Select(b => BatchId(input, b)), StringComparer.Ordinal);
        context.SetCustomStatus(new CycleStatus(Stage, [.. running]));
        var runs = batches.ToDictionary(b => context.CallSubOrchestratorAsync<ProvinceOutcome>(
            nameof(ProvinceBatchOrchestrator), b, new SubOrchestrationOptions { InstanceId = BatchId(input, b) }), b => BatchId(input, b));
        var outcomes = new List<ProvinceOutcome>();
        while (runs.Count > 0)
        {
            var done = await Task.WhenAny(runs.Keys);
            outcomes.Add(await done);
            running.Remove(runs[done]);
            runs.Remove(done);
            context.SetCustomStatus(new CycleStatus(Stage, [.. running]));
        }

        return new ProvinceOutcome(
            batches.Count,
            [.. outcomes.SelectMany(o => o.Completed).Order(StringComparer.Ordinal)],
            outcomes.SelectMany(o => o.Failed).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal));
    }

    private static string BatchId(ProvinceInput input, OfficeBatch batch) => $"{input.InstanceId}:batch:{batch.Number}";
}
