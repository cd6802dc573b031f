namespace Appraisal.Workflow.Cycle;

/// <summary>The event payload of a stored submission: only its key travels, never the submission itself.</summary>
public sealed record SubmissionNotice(string DepartmentId, string SubmissionKey, DateTime SubmittedAtUtc);
