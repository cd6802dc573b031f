using Appraisal.Domain.Schemes;

namespace Appraisal.Domain.Scoring;

/// <summary>Ranks scorecards and grades them under the scheme's thresholds and Excellent quota.</summary>
/// <remarks>
/// The quota is a share of those appraised in a pool — each staff category for person schemes (分类考核),
/// all departments for department schemes — rounded down. Candidates for Excellent are ordered by total, then
/// by the scheme's tie-break categories; those beyond the quota take the next grade they qualify for. When
/// candidates still tie across the boundary, none of the tied group is made Excellent: all are flagged for the
/// Party group to decide, so the quota is never exceeded.
/// </remarks>
public static class Grader
{
    public static IReadOnlyList<Scorecard> GradeAndRank(Scheme scheme, IReadOnlyList<Scorecard> cards)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(cards);
        var result = cards.ToArray();
        var officeRanks = Ranks(Enumerable.Range(0, result.Length), result);
        var departmentRanks = scheme.SubjectKind == SubjectKind.Person
            ? result.Select((c, i) => (c.DepartmentId, i)).GroupBy(x => x.DepartmentId, StringComparer.Ordinal)
                .SelectMany(g => Ranks(g.Select(x => x.i), result)).ToDictionary(x => x.Key, x => x.Value)
            : null;

        for (var i = 0; i < result.Length; i++)
        {
            var qualified = scheme.Grading.Qualify(result[i].Total);
            result[i] = result[i] with
            {
                QualifiedGrade = qualified,
                Grade = qualified,
                OfficeRank = officeRanks[i],
                DepartmentRank = departmentRanks?[i],
            };
        }

        var pools = Enumerable.Range(0, result.Length).GroupBy(i => scheme.SubjectKind == SubjectKind.Person ? result[i].StaffCategory : null);
        foreach (var pool in pools)
        {
            ApplyQuota(scheme, result, pool.ToList());
        }

        return result;
    }

    private static void ApplyQuota(Scheme scheme, Scorecard[] cards, List<int> pool)
    {
        var grading = scheme.Grading;
        var quota = (int)Math.Floor(pool.Count * grading.ExcellentQuotaPercent / 100m);
        var candidates = pool.Where(i => cards[i].QualifiedGrade == Grade.Excellent).ToList();
        if (candidates.Count <= quota)
        {
            return;
        }

        var order = new Comparison<int>((a, b) => Compare(scheme, cards[a], cards[b]));
        candidates.Sort(order);
        var excellent = quota;
        if (quota > 0 && order(candidates[quota - 1], candidates[quota]) == 0)
        {
            // The last place within the quota ties with the first beyond it: the whole tied group waits for a decision.
            var boundary = candidates[quota];
            excellent = candidates.FindIndex(i => order(i, boundary) == 0);
            foreach (var i in candidates.Where(i => order(i, boundary) == 0))
            {
                cards[i] = cards[i] with
                {
                    QuotaTie = true,
                    Warnings = [.. cards[i].Warnings, new ScoreWarning(WarningCode.QuotaTie, null, cards[i].Total, quota)],
                };
            }
        }

        foreach (var i in candidates.Skip(excellent))
        {
            cards[i] = cards[i] with { Grade = grading.NextBelow(Grade.Excellent, cards[i].Total) };
        }
    }

    /// <summary>Higher total first, then higher scores in the tie-break categories in the scheme's order.</summary>
    private static int Compare(Scheme scheme, Scorecard a, Scorecard b)
    {
        var byTotal = b.Total.CompareTo(a.Total);
        if (byTotal != 0)
        {
            return byTotal;
        }

        foreach (var category in scheme.Grading.TieBreak)
        {
            var byCategory = Points(b, category).CompareTo(Points(a, category));
            if (byCategory != 0)
            {
                return byCategory;
            }
        }

        return 0;
    }

    private static decimal Points(Scorecard card, string category)
    {
        foreach (var c in card.Categories)
        {
            if (string.Equals(c.Category, category, StringComparison.Ordinal))
            {
                return c.Points;
            }
        }

        return 0m;
    }

    /// <summary>Competition ranking by total (1, 2, 2, 4).</summary>
    private static Dictionary<int, int> Ranks(IEnumerable<int> members, Scorecard[] cards)
    {
        var ordered = members.OrderByDescending(i => cards[i].Total).ToList();
        var ranks = new Dictionary<int, int>(ordered.Count);
        for (var k = 0; k < ordered.Count; k++)
        {
            ranks[ordered[k]] = k > 0 && cards[ordered[k]].Total == cards[ordered[k - 1]].Total ? ranks[ordered[k - 1]] : k + 1;
        }

        return ranks;
    }
}
