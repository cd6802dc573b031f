namespace Appraisal.Workflow.Cycle;

/// <summary>The cycle's custom status: the stage it is at and what it waits for (departments, approvers, subjects).</summary>
public sealed record CycleStatus(string Stage, IReadOnlyList<string> Awaiting, DateTime? UntilUtc = null);
