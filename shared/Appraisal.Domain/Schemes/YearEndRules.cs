namespace Appraisal.Domain.Schemes;

/// <summary>How the year-end appraisal (年终总考核) combines the quarters.</summary>
public sealed record YearEndRules
{
    /// <summary>The weight of each quarter in percent, Q1 to Q4.</summary>
    public IReadOnlyList<decimal> QuarterWeights { get; init; } = [25m, 25m, 25m, 25m];
}
