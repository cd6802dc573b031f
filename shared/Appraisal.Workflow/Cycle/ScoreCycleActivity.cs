using Microsoft.DurableTask;

namespace Appraisal.Workflow.Cycle;

/// <summary>Scores the period; returns the id of the stored scorecards.</summary>
[DurableTask(nameof(ScoreCycleActivity))]
public sealed class ScoreCycleActivity(ICycleServices services) : TaskActivity<CycleRequest, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, CycleRequest input) => services.ScoreAsync(input, CancellationToken.None);
}
