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

    /// <summary>Which peers' average a leader's workload is a share of: the quota prosecutors without a leadership
    /// post (the default, as 第十条 is usually read), or all of them, leaders included.</summary>
    public PeerAverage PeerAverage { get; init; } = PeerAverage.WithoutLeaders;

    /// <summary>When the share is assessed: each quarter on the quarter's workload (the default), or once a year on the
    /// year's — then a quarter below the share is warned only and the year-end deducts once.</summary>
    public WorkloadAssessment Assessed { get; init; } = WorkloadAssessment.Quarterly;
}

/// <summary>When 第十条's workload share is assessed and deducted.</summary>
public enum WorkloadAssessment
{
    /// <summary>Each quarter (or month) on its own workload: below the share, the deduction in that period.</summary>
    Quarterly,

    /// <summary>Once a year on the year's workload against the year's peer average: a quarter below the share is warned
    /// only; the year-end deducts once.</summary>
    Yearly,
}

/// <summary>The peers a leader's workload share is measured against (第十条's 平均办案数).</summary>
public enum PeerAverage
{
    /// <summary>The department's (or office's) quota prosecutors without a leadership post.</summary>
    WithoutLeaders,

    /// <summary>All the department's (or office's) quota prosecutors, leaders included.</summary>
    WithLeaders,
}
