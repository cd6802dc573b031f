using Appraisal.Workflow.Cycle;
using Microsoft.DurableTask;

namespace Appraisal.Workflow.YearEnd;

/// <summary>Combines the year's quarter results; returns the id of the stored annual scorecards.</summary>
[DurableTask(nameof(CombineYearActivity))]
public sealed class CombineYearActivity(ICycleServices services) : TaskActivity<CycleRequest, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, CycleRequest input) => services.CombineYearAsync(input, CancellationToken.None);
}
