using Appraisal.Domain.Cycles;
using Appraisal.Workflow.Cycle;
using Microsoft.DurableTask;

namespace Appraisal.Workflow.Bulletins;

/// <summary>The monthly bulletin (月有通报): the month's running scores and warnings, stored as the month's bulletin.
/// No approval stage.</summary>
[DurableTask(nameof(MonthlyBulletinOrchestrator))]
public sealed class MonthlyBulletinOrchestrator : TaskOrchestrator<BulletinInput, BulletinOutcome>
{
    public override async Task<BulletinOutcome> RunAsync(TaskOrchestrationContext context, BulletinInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetCustomStatus(new CycleStatus(CycleStage.Bulletin, []));
        var outcome = await context.CallActivityAsync<BulletinOutcome>(nameof(ComposeBulletinActivity), input, WorkflowRetry.Activities);
        context.SetCustomStatus(new CycleStatus(CycleStage.Published, []));
        return outcome;
    }
}
