namespace Appraisal.Domain.Schemes;

/// <summary>Leader workload shares (检察机关办案绩效考核细则 第十条): department heads against their
/// department's average, the chief and deputies against the office's; below the share, a deduction and a warning.</summary>
public sealed record LeaderWorkloadRules
{
    /// <summary>Which closed cases count as workload.</summary>
    public CaseFilter Filter { get; init; } = CaseFilter.All;

    public required IReadOnlyList<LeaderShareRule> Rules { get; init; }

    public required string Category { get; init; }

    public required decimal Deduction { get; init; }
}
