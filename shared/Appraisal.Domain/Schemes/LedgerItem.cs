using System.Text.Json.Serialization;

namespace Appraisal.Domain.Schemes;

/// <summary>A bonus or deduction per occurrence (台帐项目): honours, innovations (倡导性指标), violations, overdue cases….</summary>
public sealed record LedgerItem
{
    public required string Id { get; init; }

    public required LocalizedText Name { get; init; }

    public required string Category { get; init; }

    public required LedgerKind Kind { get; init; }

    /// <summary>Points per occurrence before <see cref="UpliftPercent"/>.</summary>
    public required decimal Points { get; init; }

    /// <summary>Added to the points in percent, e.g. 20 for honours at a higher level (在上级标准基础上再提高20%).</summary>
    public decimal UpliftPercent { get; init; }

    /// <summary>The most this item adds or deducts in a period; none means bounded by occurrences only.</summary>
    public decimal? Cap { get; init; }

    /// <summary>Whether an entry counts only with evidence (加减分都需要有相应的台帐和材料).</summary>
    public bool EvidenceRequired { get; init; } = true;

    /// <summary>Applies only in the year-end appraisal.</summary>
    public bool YearEndOnly { get; init; }

    [JsonIgnore]
    public decimal PointsPerOccurrence => Points * (100m + UpliftPercent) / 100m;
}
