namespace Appraisal.Domain.Schemes;

/// <summary>The minimum total for a grade.</summary>
public sealed record GradeThreshold
{
    public required Grade Grade { get; init; }

    public required decimal Min { get; init; }
}
