using Microsoft.DurableTask;

namespace Appraisal.Workflow.Cycle;

/// <summary>Asks the Party group to decide the scheme.</summary>
[DurableTask(nameof(RequestSchemeDecisionActivity))]
public sealed class RequestSchemeDecisionActivity(ICycleServices services) : TaskActivity<CycleRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CycleRequest input)
    {
        await services.RequestSchemeDecisionAsync(input, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
