namespace Appraisal.Domain.Schemes;

/// <summary>A scoring category (考核类别) with its base score and, in a weighted scheme, its weight.</summary>
public sealed record Category
{
    public required string Id { get; init; }

    public required LocalizedText Name { get; init; }

    /// <summary>The base score (基础分) the category starts at when its targets are met.
    /// In a weighted scheme, the raw base on the 0–100 scale (usually 100).</summary>
    public required decimal Base { get; init; }

    /// <summary>The weight in percent (weighted schemes only).</summary>
    public decimal? Weight { get; init; }

    /// <summary>Whether the category counts as performance indicators (业绩指标) for the SPP guideline's 60% rule.</summary>
    public bool Performance { get; init; }
}
