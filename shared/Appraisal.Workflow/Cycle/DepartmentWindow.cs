namespace Appraisal.Workflow.Cycle;

/// <summary>One department's self-evaluation window: deadline, when to remind, how long late submissions are taken.
/// Times are inputs (UTC) so that tests run a window in seconds.</summary>
public sealed record DepartmentWindow(
    string OfficeId,
    string Period,
    string DepartmentId,
    DateTime DeadlineUtc,
    TimeSpan RemindBefore,
    LateSubmissionPolicy LatePolicy,
    TimeSpan Grace);
