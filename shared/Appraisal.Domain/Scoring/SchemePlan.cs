using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;

namespace Appraisal.Domain.Scoring;

/// <summary>A scheme laid out for scoring: each category's indicators and items, weights as factors, rules by post.</summary>
internal sealed class SchemePlan
{
    public SchemePlan(Scheme scheme)
    {
        Scheme = scheme;
        var categories = scheme.Categories;
        CategoryIndex = categories.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        Factor = categories.Select(c => scheme.Mode == SchemeMode.Weighted ? (c.Weight ?? 0m) / 100m : 1m).ToArray();
        Targets = Group(scheme.TargetIndicators.Select((t, i) => (t.Category, i)));
        Rated = Group(scheme.RatedIndicators.Select((r, i) => (r.Category, i)));
        LedgerItemIndex = scheme.LedgerItems.Select((l, i) => (l.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        Unallocated = categories.Select((c, i) =>
            c.Base
            - Targets[i].Sum(t => scheme.TargetIndicators[t].Points)
            - Rated[i].Sum(r => scheme.RatedIndicators[r].Points)).ToArray();
        ShareRules = scheme.LeaderWorkload?.Rules.ToDictionary(r => r.Post, r => r.MinSharePercent) ?? [];
        WorkloadCategory = scheme.LeaderWorkload is { } w ? CategoryIndex[w.Category] : -1;
    }

    public Scheme Scheme { get; }

    public Dictionary<string, int> CategoryIndex { get; }

    /// <summary>Weight / 100 in a weighted scheme, 1 otherwise.</summary>
    public decimal[] Factor { get; }

    public int[][] Targets { get; }

    public int[][] Rated { get; }

    public Dictionary<string, int> LedgerItemIndex { get; }

    public decimal[] Unallocated { get; }

    public Dictionary<LeadershipPost, decimal> ShareRules { get; }

    public int WorkloadCategory { get; }

    private int[][] Group(IEnumerable<(string Category, int Index)> items)
    {
        var groups = Scheme.Categories.Select(_ => new List<int>()).ToArray();
        foreach (var (category, index) in items)
        {
            groups[CategoryIndex[category]].Add(index);
        }

        return groups.Select(g => g.ToArray()).ToArray();
    }
}
