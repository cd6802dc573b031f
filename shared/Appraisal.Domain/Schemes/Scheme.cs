using Appraisal.Domain.Organisation;

namespace Appraisal.Domain.Schemes;

/// <summary>An appraisal scheme (考核方案), versioned: categories with base scores, indicators,
/// ledger items, leader workload shares, grading and year-end rules.</summary>
public sealed record Scheme
{
    public required string Id { get; init; }

    public required int Version { get; init; }

    public required LocalizedText Name { get; init; }

    public required SubjectKind SubjectKind { get; init; }

    /// <summary>The staff categories appraised (person schemes); each is graded as its own pool (分类考核).</summary>
    public IReadOnlyList<StaffCategory> StaffCategories { get; init; } = [];

    /// <summary>The office level the scheme is written for, when it matters (leader shares differ by level).</summary>
    public OfficeLevel? OfficeLevel { get; init; }

    public SchemeMode Mode { get; init; } = SchemeMode.BasePlusAdjustment;

    /// <summary>The decimals scores are held to (0–4, 2 by default): each line's raw and weighted points are rounded
    /// to them half away from zero (四舍五入) once, when the line is made; category scores and totals are exact sums.</summary>
    public int Decimals { get; init; } = DefaultDecimals;

    /// <summary>A guideline whose constraints validation checks, e.g. <c>SPP-2021</c> (检察人员考核工作指引).</summary>
    public string? Guideline { get; init; }

    public required IReadOnlyList<Category> Categories { get; init; }

    public IReadOnlyList<TargetIndicator> TargetIndicators { get; init; } = [];

    public IReadOnlyList<RatedIndicator> RatedIndicators { get; init; } = [];

    /// <summary>When the rated indicators' raters answer: with the self-evaluation (default) or after it.</summary>
    public RatingWindow RatingWindow { get; init; } = RatingWindow.WithSelfEvaluation;

    public IReadOnlyList<LedgerItem> LedgerItems { get; init; } = [];

    public LeaderWorkloadRules? LeaderWorkload { get; init; }

    public GradingRules Grading { get; init; } = GradingRules.Default;

    public YearEndRules YearEnd { get; init; } = new();

    public const string SppGuideline2021 = "SPP-2021";

    public const int DefaultDecimals = 2;

    /// <summary>The most decimals a scheme may hold scores to (the scorecard's fixed point is in ten-thousandths).</summary>
    public const int MaxDecimals = 4;
}
