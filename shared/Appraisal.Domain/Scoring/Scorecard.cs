using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;

namespace Appraisal.Domain.Scoring;

/// <summary>One subject's result for one period under one scheme version: every line that makes the total,
/// category scores, grade, ranks and warnings. Every point of <see cref="Total"/> is a line's.</summary>
public sealed record Scorecard
{
    public required string SubjectId { get; init; }

    public required string SubjectName { get; init; }

    public required SubjectKind SubjectKind { get; init; }

    public required string DepartmentId { get; init; }

    public StaffCategory? StaffCategory { get; init; }

    public LeadershipPost Post { get; init; }

    public required string SchemeId { get; init; }

    public required int SchemeVersion { get; init; }

    public required string Period { get; init; }

    public required IReadOnlyList<ScoreLine> Lines { get; init; }

    public required IReadOnlyList<CategoryScore> Categories { get; init; }

    public required decimal Total { get; init; }

    /// <summary>The decimals its scores were rounded to (the scheme's when it was made; 2 for scorecards stored before
    /// schemes said): a final result reads as it was made even if the scheme changes later.</summary>
    public int Decimals { get; init; } = Scheme.DefaultDecimals;

    /// <summary>An average of scores (a department's average total, a person's months) as scores are rounded: half away
    /// from zero to <paramref name="decimals"/>.</summary>
    public static decimal Average(IEnumerable<decimal> scores, int decimals) =>
        Math.Round(scores.Average(), decimals, MidpointRounding.AwayFromZero);

    /// <summary>The grade the total qualifies for before the Excellent quota.</summary>
    public Grade QualifiedGrade { get; init; }

    public Grade Grade { get; init; }

    /// <summary>Tied at the quota boundary after every tie-break: the grade awaits the Party group's decision.</summary>
    public bool QuotaTie { get; init; }

    /// <summary>Rank among the department's subjects (person schemes), 1 = best; equal totals share a rank.</summary>
    public int? DepartmentRank { get; init; }

    public int OfficeRank { get; init; }

    public IReadOnlyList<ScoreWarning> Warnings { get; init; } = [];

    /// <summary>The decimals to show scores of these scorecards with, together (an average, a ranking): the finest of
    /// theirs, 2 when there are none.</summary>
    public static int DecimalsOf(IEnumerable<Scorecard> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        var decimals = -1;
        foreach (var card in cards)
        {
            decimals = Math.Max(decimals, card.Decimals);
        }

        return decimals < 0 ? Scheme.DefaultDecimals : decimals;
    }

    /// <summary>A scorecard for <paramref name="subject"/>, before it is ranked and graded.</summary>
    internal static Scorecard Ungraded(Scheme scheme, AppraisalSubject subject, string period, IReadOnlyList<ScoreLine> lines,
        IReadOnlyList<CategoryScore> categories, decimal total, List<ScoreWarning> warnings) => new()
        {
            SubjectId = subject.Id,
            SubjectName = subject.Name,
            SubjectKind = scheme.SubjectKind,
            DepartmentId = subject.DepartmentId,
            StaffCategory = subject.StaffCategory,
            Post = subject.Post,
            SchemeId = scheme.Id,
            SchemeVersion = scheme.Version,
            Period = period,
            Lines = lines,
            Categories = categories,
            Total = total,
            Decimals = scheme.Decimals,
            Warnings = warnings.Count == 0 ? [] : warnings,
        };
}
