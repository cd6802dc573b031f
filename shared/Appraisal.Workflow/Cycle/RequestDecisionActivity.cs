using Microsoft.DurableTask;

namespace Appraisal.Workflow.Cycle;

/// <summary>Sends the decision requests to the Party group.</summary>
[DurableTask(nameof(RequestDecisionActivity))]
public sealed class RequestDecisionActivity(ICycleServices services) : TaskActivity<CycleRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CycleRequest input)
    {
        await services.RequestDecisionAsync(input, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
