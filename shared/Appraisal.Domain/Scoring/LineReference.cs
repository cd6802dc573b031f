namespace Appraisal.Domain.Scoring;

/// <summary>What a line was measured against, where the scheme does not state it alone: for a relative target the
/// reference period, the subject's value then (null when there was none) and the target that applied (effective or
/// fallback); for a workload share assessed yearly the year, the peers' average and the minimum share.</summary>
public sealed record LineReference(string Period, decimal? Value, decimal Target);
