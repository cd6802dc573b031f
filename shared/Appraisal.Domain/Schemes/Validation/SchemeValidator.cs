using System.Globalization;
using Appraisal.Domain.Organisation;

namespace Appraisal.Domain.Schemes.Validation;

/// <summary>Checks the rules a scheme must obey beyond its JSON shape: sums, references, orderings, ranges,
/// and the ranges the sources give (warnings).</summary>
public static class SchemeValidator
{
    private const decimal Hundred = 100m;

    public static IReadOnlyList<ValidationIssue> Validate(Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var issues = new List<ValidationIssue>();
        void Error(string path, string message) => issues.Add(new(IssueSeverity.Error, path, message));
        void Warn(string path, string message) => issues.Add(new(IssueSeverity.Warning, path, message));

        if (scheme.Version < 1)
        {
            Error("$.version", $"expected a version of 1 or more, found {scheme.Version}");
        }

        if (scheme.SubjectKind == SubjectKind.Person && scheme.StaffCategories.Count == 0)
        {
            Error("$.staffCategories", "a person scheme must name the staff categories it appraises; found none");
        }

        CheckCategories(scheme, Error, Warn);
        var categoryIds = scheme.Categories.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var itemIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in scheme.Categories.Select((c, i) => (c, i)))
        {
            itemIds.TryAdd(c.c.Id, $"$.categories[{c.i}]");
        }

        void CheckId(string id, string path)
        {
            if (!itemIds.TryAdd(id, path))
            {
                Error(path + ".id", $"expected a unique id, found '{id}' already used at {itemIds[id]}");
            }
        }

        void CheckCategoryRef(string category, string path)
        {
            if (!categoryIds.Contains(category))
            {
                Error(path, $"expected one of the scheme's categories ({string.Join(", ", categoryIds)}), found '{category}'");
            }
        }

        void NonNegative(decimal? value, string path)
        {
            if (value < 0)
            {
                Error(path, $"expected a number of 0 or more, found {Format(value.Value)}");
            }
        }

        var allocated = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var i = 0; i < scheme.TargetIndicators.Count; i++)
        {
            var t = scheme.TargetIndicators[i];
            var path = $"$.targetIndicators[{i}]";
            CheckId(t.Id, path);
            CheckCategoryRef(t.Category, path + ".category");
            NonNegative(t.Points, path + ".points");
            NonNegative(t.Target, path + ".target");
            NonNegative(t.BonusPerUnit, path + ".bonusPerUnit");
            NonNegative(t.BonusCap, path + ".bonusCap");
            NonNegative(t.DeductionPerUnit, path + ".deductionPerUnit");
            NonNegative(t.DeductionCap, path + ".deductionCap");
            if (t.Unit <= 0)
            {
                Error(path + ".unit", $"expected a unit greater than 0, found {Format(t.Unit)}");
            }

            if (t.Metric is CaseMetric.ClosureRate or CaseMetric.OverdueRate && t.Target > Hundred)
            {
                Error(path + ".target", $"expected a percentage from 0 to 100 for {t.Metric}, found {Format(t.Target)}");
            }

            if (t.Metric == CaseMetric.FlaggedCount && t.Filter.Flags.Count == 0)
            {
                Error(path + ".filter.flags", "expected at least one quality flag for a flaggedCount indicator, found none");
            }

            if (t.BonusPerUnit > 0 && t.BonusCap is null)
            {
                Error(path + ".bonusCap", "expected a cap for the bonus (each bonus is bounded by its own cap), found none");
            }

            allocated[t.Category] = allocated.GetValueOrDefault(t.Category) + t.Points;
        }

        for (var i = 0; i < scheme.RatedIndicators.Count; i++)
        {
            var r = scheme.RatedIndicators[i];
            var path = $"$.ratedIndicators[{i}]";
            CheckId(r.Id, path);
            CheckCategoryRef(r.Category, path + ".category");
            NonNegative(r.Points, path + ".points");
            if (r.RaterGroups.Count == 0)
            {
                Error(path + ".raterGroups", "expected at least one rater group, found none");
            }

            var groups = new HashSet<string>(StringComparer.Ordinal);
            for (var g = 0; g < r.RaterGroups.Count; g++)
            {
                NonNegative(r.RaterGroups[g].Weight, $"{path}.raterGroups[{g}].weight");
                if (!groups.Add(r.RaterGroups[g].Group))
                {
                    Error($"{path}.raterGroups[{g}].group", $"expected each rater group once, found '{r.RaterGroups[g].Group}' twice");
                }
            }

            var weights = r.RaterGroups.Sum(g => g.Weight);
            if (r.RaterGroups.Count > 0 && weights != Hundred)
            {
                Error(path + ".raterGroups", $"expected rater group weights summing to 100, found {Format(weights)}");
            }

            allocated[r.Category] = allocated.GetValueOrDefault(r.Category) + r.Points;
        }

        foreach (var category in scheme.Categories.Select((c, i) => (c, i)))
        {
            var sum = allocated.GetValueOrDefault(category.c.Id);
            if (sum > category.c.Base)
            {
                Error($"$.categories[{category.i}].base",
                    $"expected the indicators' points in category '{category.c.Id}' to fit within its base {Format(category.c.Base)}, found {Format(sum)}");
            }
        }

        for (var i = 0; i < scheme.LedgerItems.Count; i++)
        {
            var item = scheme.LedgerItems[i];
            var path = $"$.ledgerItems[{i}]";
            CheckId(item.Id, path);
            CheckCategoryRef(item.Category, path + ".category");
            NonNegative(item.Points, path + ".points");
            NonNegative(item.Cap, path + ".cap");
            if (item.UpliftPercent is < 0 or > Hundred)
            {
                Error(path + ".upliftPercent", $"expected a percentage from 0 to 100, found {Format(item.UpliftPercent)}");
            }
        }

        CheckLeaderWorkload(scheme, CheckCategoryRef, NonNegative, Error, Warn);
        CheckGrading(scheme.Grading, categoryIds, Error);

        var quarterWeights = scheme.YearEnd.QuarterWeights;
        if (quarterWeights.Count != 4)
        {
            Error("$.yearEnd.quarterWeights", $"expected 4 quarter weights, found {quarterWeights.Count}");
        }
        else if (quarterWeights.Sum() != Hundred || quarterWeights.Any(w => w < 0))
        {
            Error("$.yearEnd.quarterWeights", $"expected 4 weights of 0 or more summing to 100, found {string.Join(", ", quarterWeights.Select(Format))}");
        }

        return issues;
    }

    private static void CheckCategories(Scheme scheme, Action<string, string> error, Action<string, string> warn)
    {
        if (scheme.Categories.Count == 0)
        {
            error("$.categories", "expected at least one category, found none");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < scheme.Categories.Count; i++)
        {
            var c = scheme.Categories[i];
            if (!seen.Add(c.Id))
            {
                error($"$.categories[{i}].id", $"expected a unique category id, found '{c.Id}' twice");
            }

            if (c.Base < 0)
            {
                error($"$.categories[{i}].base", $"expected a base of 0 or more, found {Format(c.Base)}");
            }

            if (scheme.Mode == SchemeMode.Weighted)
            {
                if (c.Weight is null)
                {
                    error($"$.categories[{i}].weight", "expected a weight in a weighted scheme, found none");
                }
                else if (c.Weight < 0)
                {
                    error($"$.categories[{i}].weight", $"expected a weight of 0 or more, found {Format(c.Weight.Value)}");
                }

                if (c.Base > Hundred)
                {
                    error($"$.categories[{i}].base", $"expected a raw base from 0 to 100 in a weighted scheme, found {Format(c.Base)}");
                }
            }
            else if (c.Weight is not null)
            {
                error($"$.categories[{i}].weight", $"expected no weight in a base-plus-adjustment scheme (bases carry the share), found {Format(c.Weight.Value)}");
            }
        }

        decimal performanceShare;
        if (scheme.Mode == SchemeMode.Weighted)
        {
            var weights = scheme.Categories.Sum(c => c.Weight ?? 0m);
            if (weights != Hundred)
            {
                error("$.categories", $"expected category weights summing to 100, found {Format(weights)}");
            }

            performanceShare = scheme.Categories.Where(c => c.Performance).Sum(c => c.Weight ?? 0m);
        }
        else
        {
            var bases = scheme.Categories.Sum(c => c.Base);
            if (bases != Hundred)
            {
                error("$.categories", $"expected category bases summing to 100, found {Format(bases)}");
            }

            performanceShare = scheme.Categories.Where(c => c.Performance).Sum(c => c.Base);
        }

        if (string.Equals(scheme.Guideline, Scheme.SppGuideline2021, StringComparison.Ordinal) && performanceShare < 60m)
        {
            warn("$.categories", $"the SPP guideline (检察人员考核工作指引) expects performance indicators to make at least 60% of the total; found {Format(performanceShare)}%");
        }
    }

    private static void CheckLeaderWorkload(Scheme scheme, Action<string, string> categoryRef, Action<decimal?, string> nonNegative,
        Action<string, string> error, Action<string, string> warn)
    {
        var rules = scheme.LeaderWorkload;
        if (rules is null)
        {
            return;
        }

        if (scheme.SubjectKind != SubjectKind.Person)
        {
            error("$.leaderWorkload", "expected leader workload rules only in a person scheme, found them in a department scheme");
        }

        categoryRef(rules.Category, "$.leaderWorkload.category");
        nonNegative(rules.Deduction, "$.leaderWorkload.deduction");
        var posts = new HashSet<LeadershipPost>();
        for (var i = 0; i < rules.Rules.Count; i++)
        {
            var rule = rules.Rules[i];
            var path = $"$.leaderWorkload.rules[{i}]";
            if (rule.Post == LeadershipPost.None)
            {
                error(path + ".post", "expected a leadership post, found 'none'");
            }

            if (!posts.Add(rule.Post))
            {
                error(path + ".post", $"expected each post once, found '{rule.Post}' twice");
            }

            if (rule.MinSharePercent is < 0 or > Hundred)
            {
                error(path + ".minSharePercent", $"expected a percentage from 0 to 100, found {Format(rule.MinSharePercent)}");
                continue;
            }

            var (low, high) = SourceRange(rule.Post, scheme.OfficeLevel);
            if (rule.Post != LeadershipPost.None && (rule.MinSharePercent < low || rule.MinSharePercent > high))
            {
                warn(path + ".minSharePercent",
                    $"第十条 gives {Format(low)}–{Format(high)}% for {rule.Post}{(scheme.OfficeLevel is { } level ? $" at a {level} office" : string.Empty)}; found {Format(rule.MinSharePercent)}%");
            }
        }
    }

    /// <summary>The workload share ranges of 检察机关办案绩效考核细则 第十条.</summary>
    internal static (decimal Low, decimal High) SourceRange(LeadershipPost post, OfficeLevel? level) => (post, level) switch
    {
        (LeadershipPost.DepartmentHead, _) => (50m, 70m),
        (LeadershipPost.ChiefProsecutor, OfficeLevel.Basic) => (5m, 10m),
        (LeadershipPost.ChiefProsecutor, OfficeLevel.Prefecture) => (5m, 5m),
        (LeadershipPost.ChiefProsecutor, _) => (5m, 10m),
        (LeadershipPost.DeputyChiefProsecutor, OfficeLevel.Basic) => (30m, 40m),
        (LeadershipPost.DeputyChiefProsecutor, OfficeLevel.Prefecture) => (20m, 30m),
        (LeadershipPost.DeputyChiefProsecutor, _) => (20m, 40m),
        _ => (0m, 100m),
    };

    private static void CheckGrading(GradingRules grading, HashSet<string> categoryIds, Action<string, string> error)
    {
        if (grading.ExcellentQuotaPercent is < 0 or > Hundred)
        {
            error("$.grading.excellentQuotaPercent", $"expected a quota from 0 to 100 percent, found {Format(grading.ExcellentQuotaPercent)}");
        }

        var grades = new HashSet<Grade>();
        for (var i = 0; i < grading.Thresholds.Count; i++)
        {
            var t = grading.Thresholds[i];
            var path = $"$.grading.thresholds[{i}]";
            if (t.Grade == Grade.Fail)
            {
                error(path + ".grade", "expected excellent, good or competent; 'fail' is what falls below every threshold");
            }

            if (!grades.Add(t.Grade))
            {
                error(path + ".grade", $"expected each grade once, found '{t.Grade}' twice");
            }

            if (t.Min < 0)
            {
                error(path + ".min", $"expected a minimum of 0 or more, found {Format(t.Min)}");
            }

            if (i > 0)
            {
                var previous = grading.Thresholds[i - 1];
                if (t.Grade <= previous.Grade)
                {
                    error(path + ".grade", $"expected grades from best to worst, found '{t.Grade}' after '{previous.Grade}'");
                }

                if (t.Min >= previous.Min)
                {
                    error(path + ".min", $"expected a minimum below {Format(previous.Min)} (the '{previous.Grade}' threshold), found {Format(t.Min)}: thresholds overlap");
                }
            }
        }

        if (!grades.Contains(Grade.Excellent))
        {
            error("$.grading.thresholds", "expected a threshold for 'excellent', found none");
        }

        for (var i = 0; i < grading.TieBreak.Count; i++)
        {
            if (!categoryIds.Contains(grading.TieBreak[i]))
            {
                error($"$.grading.tieBreak[{i}]", $"expected one of the scheme's categories ({string.Join(", ", categoryIds)}), found '{grading.TieBreak[i]}'");
            }
        }
    }

    internal static string Format(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
