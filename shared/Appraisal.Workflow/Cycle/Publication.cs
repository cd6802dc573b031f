namespace Appraisal.Workflow.Cycle;

/// <summary>How a publication ended: objections taken, and the departments the office's review reopened.</summary>
public sealed record Publication(int Objections, IReadOnlyList<string> Reopen);
