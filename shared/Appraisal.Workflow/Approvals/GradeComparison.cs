using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;

namespace Appraisal.Workflow.Approvals;

/// <summary>One grade's count in the results being decided and in the previous period's.</summary>
public sealed record GradeCount(Grade Grade, int Now, int Before)
{
    public int Change => Now - Before;
}

/// <summary>Someone appraised in both periods whose grade is not the one they had.</summary>
public sealed record GradeChange(string SubjectId, string Name, string Department, Grade Before, Grade Now);

/// <summary>The changes against the last period (与上期相比) the Party group sees before deciding: the previous period
/// of the same kind (the quarter before a quarter, the month before a month, the year before a year) under the same
/// scheme; per grade, the count now and then; and who was appraised in both with another grade now.
/// <see cref="Stored"/> is false when the office has no results of that period (its first, or scored elsewhere).</summary>
public sealed record GradeComparison(string PreviousPeriod, bool Stored, IReadOnlyList<GradeCount> Counts, IReadOnlyList<GradeChange> Changes)
{
    /// <summary>The period before, of the same kind: 2026-Q1 → 2025-Q4, 2026-M01 → 2025-M12, 2026 → 2025.</summary>
    public static string PreviousOf(string period)
    {
        var p = Period.Parse(period);
        var previous = p.Kind switch
        {
            PeriodKind.Quarter => p.Number == 1 ? Period.Quarter(p.Year - 1, 4) : Period.Quarter(p.Year, p.Number - 1),
            PeriodKind.Month => p.Number == 1 ? Period.Month(p.Year - 1, 12) : Period.Month(p.Year, p.Number - 1),
            _ => Period.OfYear(p.Year - 1),
        };
        return previous.ToString();
    }

    /// <summary>Compares the results being decided with the previous period's (none: nothing to compare).</summary>
    public static GradeComparison Of(string previousPeriod, IReadOnlyList<Scorecard> now, IReadOnlyList<Scorecard> before, OfficeOrganisation? organisation)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(before);
        if (before.Count == 0)
        {
            return new GradeComparison(previousPeriod, false, [], []);
        }

        var counts = Enum.GetValues<Grade>()
            .Select(g => new GradeCount(g, now.Count(c => c.Grade == g), before.Count(c => c.Grade == g)))
            .Where(c => c.Now > 0 || c.Before > 0)
            .ToList();
        var earlier = before.GroupBy(c => c.SubjectId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Grade, StringComparer.Ordinal);
        var changes = now
            .Where(c => earlier.TryGetValue(c.SubjectId, out var grade) && grade != c.Grade)
            .OrderBy(c => c.OfficeRank).ThenBy(c => c.SubjectId, StringComparer.Ordinal)
            .Select(c => new GradeChange(c.SubjectId, c.SubjectName, organisation?.FindDepartment(c.DepartmentId)?.Name ?? c.DepartmentId, earlier[c.SubjectId], c.Grade))
            .ToList();
        return new GradeComparison(previousPeriod, true, counts, changes);
    }
}
