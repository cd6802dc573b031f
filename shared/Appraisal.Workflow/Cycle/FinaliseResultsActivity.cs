using Microsoft.DurableTask;

namespace Appraisal.Workflow.Cycle;

/// <summary>Makes the results final.</summary>
[DurableTask(nameof(FinaliseResultsActivity))]
public sealed class FinaliseResultsActivity(ICycleServices services) : TaskActivity<CycleRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CycleRequest input)
    {
        await services.FinaliseAsync(input, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
