using Microsoft.DurableTask;

namespace Appraisal.Workflow.Cycle;

/// <summary>Sends the reminder before a department's self-evaluation deadline: the window sub-orchestration's, kept
/// for cycles started before the windows moved into the cycle (<see cref="RemindDepartmentsActivity"/>).</summary>
[DurableTask(nameof(SendSelfEvaluationReminderActivity))]
public sealed class SendSelfEvaluationReminderActivity(ICycleNotifications notifications) : TaskActivity<DepartmentNotice, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, DepartmentNotice input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await notifications.RemindAsync(new DepartmentNotices(input.OfficeId, input.Period, input.DeadlineUtc, [input.DepartmentId]), CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
