using Microsoft.DurableTask;

namespace Appraisal.Workflow.Cycle;

/// <summary>Sends the reminder before a department's self-evaluation deadline.</summary>
[DurableTask(nameof(SendSelfEvaluationReminderActivity))]
public sealed class SendSelfEvaluationReminderActivity(ICycleNotifications notifications) : TaskActivity<DepartmentNotice, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, DepartmentNotice input)
    {
        await notifications.RemindAsync(input, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
