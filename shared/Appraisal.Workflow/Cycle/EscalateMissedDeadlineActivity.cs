using Microsoft.DurableTask;

namespace Appraisal.Workflow.Cycle;

/// <summary>Escalates a missed self-evaluation deadline to the appraisal office and the department head: the window
/// sub-orchestration's, kept for cycles started before the windows moved into the cycle (<see cref="EscalateDepartmentsActivity"/>).</summary>
[DurableTask(nameof(EscalateMissedDeadlineActivity))]
public sealed class EscalateMissedDeadlineActivity(ICycleNotifications notifications) : TaskActivity<DepartmentNotice, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, DepartmentNotice input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await notifications.EscalateAsync(new DepartmentNotices(input.OfficeId, input.Period, input.DeadlineUtc, [input.DepartmentId]), CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
