namespace Appraisal.Workflow.Cycle;

/// <summary>What the cycle's activities are asked; only ids travel.</summary>
public sealed record CycleRequest(string OfficeId, string Period, string SchemeId, int SchemeVersion, string? ScoringId = null, int Round = 0, DateTime? UntilUtc = null);
