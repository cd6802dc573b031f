namespace Appraisal.Domain.Scoring;

/// <summary>What a line was measured against, where the scheme does not state it alone: for a relative target the
/// reference period, the target that applied (effective or fallback) and the subject's value then (null when there was
/// none: the fallback applied); for a workload share assessed yearly the year, the minimum share and the peers' average.</summary>
public sealed record LineReference(string Period, decimal Target, decimal? Value = null);
