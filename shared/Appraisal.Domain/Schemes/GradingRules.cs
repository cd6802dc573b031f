namespace Appraisal.Domain.Schemes;

/// <summary>Grade thresholds, the Excellent quota and the tie-break order.</summary>
public sealed record GradingRules
{
    public IReadOnlyList<GradeThreshold> Thresholds { get; init; } =
    [
        new() { Grade = Grade.Excellent, Min = 90m },
        new() { Grade = Grade.Good, Min = 80m },
        new() { Grade = Grade.Competent, Min = 60m },
    ];

    /// <summary>The most who may be Excellent, in percent of those appraised (rounded down).</summary>
    public decimal ExcellentQuotaPercent { get; init; } = 20m;

    /// <summary>Category ids compared in order when totals tie at the quota boundary.</summary>
    public IReadOnlyList<string> TieBreak { get; init; } = [];

    public static GradingRules Default { get; } = new();

    /// <summary>The best grade a total qualifies for, before the quota.</summary>
    public Grade Qualify(decimal total)
    {
        foreach (var threshold in Thresholds.OrderByDescending(t => t.Min))
        {
            if (total >= threshold.Min)
            {
                return threshold.Grade;
            }
        }

        return Grade.Fail;
    }

    /// <summary>The next grade below <paramref name="grade"/> that <paramref name="total"/> qualifies for.</summary>
    public Grade NextBelow(Grade grade, decimal total)
    {
        foreach (var threshold in Thresholds.Where(t => t.Grade > grade).OrderByDescending(t => t.Min))
        {
            if (total >= threshold.Min)
            {
                return threshold.Grade;
            }
        }

        return Grade.Fail;
    }
}
