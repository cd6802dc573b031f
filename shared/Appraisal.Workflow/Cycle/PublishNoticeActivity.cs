using Microsoft.DurableTask;

namespace Appraisal.Workflow.Cycle;

/// <summary>Publishes the public notice for the objection period.</summary>
[DurableTask(nameof(PublishNoticeActivity))]
public sealed class PublishNoticeActivity(ICycleServices services) : TaskActivity<CycleRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CycleRequest input)
    {
        await services.PublishAsync(input, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
