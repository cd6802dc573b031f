namespace Appraisal.Domain.Schemes;

/// <summary>A qualitative indicator (定性指标) rated 0–100 by people: democratic evaluation 民主测评,
/// leader evaluation 领导评价, peer review 同事评议. It contributes <c>Points × rating / 100</c>.</summary>
public sealed record RatedIndicator
{
    public required string Id { get; init; }

    public required LocalizedText Name { get; init; }

    public required string Category { get; init; }

    public required decimal Points { get; init; }

    public required IReadOnlyList<RaterGroup> RaterGroups { get; init; }

    /// <summary>Drop each group's highest and lowest rating (去掉一个最高分、一个最低分) when it has at least three.</summary>
    public bool DropExtremes { get; init; }

    /// <summary>The rating (0–100) used when no group reaches its minimum responses; without it such an indicator
    /// earns 0 and warns, as one without ratings does.</summary>
    public decimal? FallbackRating { get; init; }
}
