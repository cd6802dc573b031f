namespace Appraisal.Workflow.Cycle;

/// <summary>The event payload of a stored submission: only its key travels, never the submission itself.
/// <paramref name="Attempt"/> is the window it answers (0 the self-evaluation, 1… the corrections after a return, as
/// the cycle's status names them), so a late repeat of an earlier submission never closes a correction's window.</summary>
public sealed record SubmissionNotice(string DepartmentId, string SubmissionKey, DateTime SubmittedAtUtc, int Attempt = 0);
