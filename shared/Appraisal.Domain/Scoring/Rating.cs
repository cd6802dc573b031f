namespace Appraisal.Domain.Scoring;

/// <summary>One rater's 0–100 rating of a subject on a rated indicator.</summary>
public sealed record Rating
{
    public required string SubjectId { get; init; }

    public required string IndicatorId { get; init; }

    public required string Group { get; init; }

    public required string RaterId { get; init; }

    public required decimal Score { get; init; }

    public InputSource? Source { get; init; }
}
