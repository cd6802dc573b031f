namespace Appraisal.Workflow.Cycle;

/// <summary>The appraisal office's verification of one department's submission, in the round the cycle was verifying
/// when it was checked (a verification of an earlier round, raised late, decides nothing now).</summary>
public sealed record VerificationDecision(string DepartmentId, VerificationAction Action, string? Reason, int Round);
