using Microsoft.DurableTask;

namespace Appraisal.Workflow.Cycle;

/// <summary>Escalates a missed self-evaluation deadline to the appraisal office and the department head.</summary>
[DurableTask(nameof(EscalateMissedDeadlineActivity))]
public sealed class EscalateMissedDeadlineActivity(ICycleNotifications notifications) : TaskActivity<DepartmentNotice, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, DepartmentNotice input)
    {
        await notifications.EscalateAsync(input, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
