namespace Appraisal.Workflow.Cycle;

/// <summary>The appraisal office's verification of one department's submission.</summary>
public sealed record VerificationDecision(string DepartmentId, VerificationAction Action, string? Reason = null);
