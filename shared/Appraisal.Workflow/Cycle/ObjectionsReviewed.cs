namespace Appraisal.Workflow.Cycle;

/// <summary>The appraisal office's review of the objections: which departments' results are reopened (none: results stand),
/// for the round whose objections it answers.</summary>
public sealed record ObjectionsReviewed(IReadOnlyList<string> ReopenDepartments, int Round);
