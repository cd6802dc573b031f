using Microsoft.DurableTask;

namespace Appraisal.Workflow.Cycle;

/// <summary>Sends the reminders before a self-evaluation deadline to every department whose reminder came due
/// together: one activity for the office's windows, not one each.</summary>
[DurableTask(nameof(RemindDepartmentsActivity))]
public sealed class RemindDepartmentsActivity(ICycleNotifications notifications) : TaskActivity<DepartmentNotices, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, DepartmentNotices input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await notifications.RemindAsync(input, CancellationToken.None).ConfigureAwait(false);
        return input.Departments.Count;
    }
}
