using Appraisal.Workflow.Cycle;
using Microsoft.DurableTask;

namespace Appraisal.Workflow.Province;

/// <summary>Builds one office's quarterly cycle input from its own organisation (its departments and Party group) and
/// records the cycle; an office that cannot start (not imported, no scheme) fails here and is reported, not fatal.</summary>
[DurableTask(nameof(PrepareOfficeCycleActivity))]
public sealed class PrepareOfficeCycleActivity(CycleStarter starter) : TaskActivity<CycleStart, CycleInput>
{
    public override Task<CycleInput> RunAsync(TaskActivityContext context, CycleStart input) => starter.PrepareQuarterAsync(input, CancellationToken.None);
}
