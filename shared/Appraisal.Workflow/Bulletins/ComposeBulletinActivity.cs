using Microsoft.DurableTask;

namespace Appraisal.Workflow.Bulletins;

/// <summary>Composes and stores the month's bulletin.</summary>
[DurableTask(nameof(ComposeBulletinActivity))]
public sealed class ComposeBulletinActivity(IBulletinServices services) : TaskActivity<BulletinInput, BulletinOutcome>
{
    public override Task<BulletinOutcome> RunAsync(TaskActivityContext context, BulletinInput input) => services.ComposeAsync(input, CancellationToken.None);
}
