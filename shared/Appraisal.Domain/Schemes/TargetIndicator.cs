using System.Text.Json.Serialization;

namespace Appraisal.Domain.Schemes;

/// <summary>A quantitative indicator (定量指标) computed from case records and compared with a target.</summary>
/// <remarks>Met: <see cref="Points"/>. Each full <see cref="Unit"/> beyond the target adds <see cref="BonusPerUnit"/>
/// up to <see cref="BonusCap"/> — or without a cap when <see cref="BonusUncapped"/> says so (加分不封顶); each unit
/// short of it deducts <see cref="DeductionPerUnit"/> up to <see cref="DeductionCap"/>.</remarks>
public sealed record TargetIndicator
{
    public required string Id { get; init; }

    public required LocalizedText Name { get; init; }

    public required string Category { get; init; }

    public required CaseMetric Metric { get; init; }

    public CaseFilter Filter { get; init; } = CaseFilter.All;

    /// <summary>For caseCount and flaggedCount: each case counts its weight by type or class instead of one.</summary>
    public CaseWeights? Weights { get; init; }

    /// <summary>The target; with <see cref="RelativeTo"/>, the absolute fallback where there is no reference value.</summary>
    public required decimal Target { get; init; }

    /// <summary>A target relative to the subject's own value in a reference period (e.g. 85% of the previous quarter's).</summary>
    public RelativeTarget? RelativeTo { get; init; }

    /// <summary>Which way is better; by default higher for counts and closure, lower for the rest.</summary>
    public Better? Better { get; init; }

    public required decimal Points { get; init; }

    public decimal Unit { get; init; } = 1m;

    public decimal BonusPerUnit { get; init; }

    public decimal? BonusCap { get; init; }

    /// <summary>The bonus has no cap (加分不封顶: "加分直至加到应加项目加完为止"): said in so many words, since a bonus
    /// whose cap is merely left out is an error.</summary>
    public bool BonusUncapped { get; init; }

    public decimal DeductionPerUnit { get; init; }

    public decimal? DeductionCap { get; init; }

    [JsonIgnore]
    public Better Direction => Better ?? (Metric is CaseMetric.CaseCount or CaseMetric.ClosureRate ? Schemes.Better.Higher : Schemes.Better.Lower);
}
