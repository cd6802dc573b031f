namespace Appraisal.Workflow.Cycle;

/// <summary>The result of one department's self-evaluation window.</summary>
public sealed record SelfEvaluationOutcome(string DepartmentId, SelfEvaluationStatus Status, string? SubmissionKey, bool Reminded, bool Escalated);
