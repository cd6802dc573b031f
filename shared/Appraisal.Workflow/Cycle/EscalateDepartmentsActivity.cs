using Microsoft.DurableTask;

namespace Appraisal.Workflow.Cycle;

/// <summary>Escalates a missed self-evaluation (or correction) deadline of every department that missed it together:
/// one activity for the office's windows, not one each.</summary>
[DurableTask(nameof(EscalateDepartmentsActivity))]
public sealed class EscalateDepartmentsActivity(ICycleNotifications notifications) : TaskActivity<DepartmentNotices, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, DepartmentNotices input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await notifications.EscalateAsync(input, CancellationToken.None).ConfigureAwait(false);
        return input.Departments.Count;
    }
}
