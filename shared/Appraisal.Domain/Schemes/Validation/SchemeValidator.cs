using System.Globalization;
using System.Text.Json;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Raters;
using Appraisal.Domain.Scoring;

namespace Appraisal.Domain.Schemes.Validation;

/// <summary>Checks the rules a scheme must obey beyond its JSON shape: sums, references, orderings, ranges,
/// and the ranges the sources give (warnings).</summary>
public static class SchemeValidator
{
    private const decimal Hundred = 100m;

    /// <summary>The largest relative target, in percent of the reference value (ten times it).</summary>
    private const decimal MaxRelativePercent = 1000m;

    public static IReadOnlyList<ValidationIssue> Validate(Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var issues = new List<ValidationIssue>();
        void Error(string path, string message, string messageZh) => issues.Add(new(IssueSeverity.Error, path, message, messageZh));
        void Warn(string path, string message, string messageZh) => issues.Add(new(IssueSeverity.Warning, path, message, messageZh));

        if (scheme.Version < 1)
        {
            Error("$.version", $"expected a version of 1 or more, found {scheme.Version}", $"版本号应不小于 1，实际为 {scheme.Version}");
        }

        if (scheme.Decimals is < 0 or > Scheme.MaxDecimals)
        {
            Error("$.decimals", $"expected the decimals of scores as a whole number from 0 to {Scheme.MaxDecimals}, found {scheme.Decimals}",
                $"分数保留的小数位数应为 0 至 {Scheme.MaxDecimals} 的整数，实际为 {scheme.Decimals}");
        }

        if (scheme.SubjectKind == SubjectKind.Person && scheme.StaffCategories.Count == 0)
        {
            Error("$.staffCategories", "a person scheme must name the staff categories it appraises; found none",
                "个人考核方案应列明所考核的人员类别，实际未列明");
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
                Error(path + ".id", $"expected a unique id, found '{id}' already used at {itemIds[id]}", $"标识应唯一，实际 '{id}' 已在 {itemIds[id]} 使用");
            }
        }

        void CheckCategoryRef(string category, string path)
        {
            if (!categoryIds.Contains(category))
            {
                Error(path, $"expected one of the scheme's categories ({string.Join(", ", categoryIds)}), found '{category}'",
                    $"应为本方案的类别之一（{string.Join("、", categoryIds)}），实际为 '{category}'");
            }
        }

        void NonNegative(decimal? value, string path)
        {
            if (value < 0)
            {
                Error(path, $"expected a number of 0 or more, found {Format(value.Value)}", $"应为不小于 0 的数，实际为 {Format(value.Value)}");
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
                Error(path + ".unit", $"expected a unit greater than 0, found {Format(t.Unit)}", $"计量单位应大于 0，实际为 {Format(t.Unit)}");
            }

            if (t.Metric is CaseMetric.ClosureRate or CaseMetric.OverdueRate && t.Target > Hundred)
            {
                Error(path + ".target", $"expected a percentage from 0 to 100 for {t.Metric}, found {Format(t.Target)}",
                    $"{t.Metric} 的目标应为 0 至 100 的百分比，实际为 {Format(t.Target)}");
            }

            if (t.Metric == CaseMetric.FlaggedCount && t.Filter.Flags.Count == 0)
            {
                Error(path + ".filter.flags", "expected at least one quality flag for a flaggedCount indicator, found none",
                    "flaggedCount 指标应至少指定一个质量标记，实际未指定");
            }

            if (t.BonusPerUnit > 0 && t.BonusCap is null && !t.BonusUncapped)
            {
                Error(path + ".bonusCap", "expected a cap for the bonus (each bonus is bounded by its own cap), or bonusUncapped: true where the scheme says 加分不封顶, found neither",
                    "设有加分的指标应设加分封顶（每项加分以其封顶为限），或在方案规定加分不封顶时写明 bonusUncapped: true，实际均未设");
            }

            if (t.BonusUncapped && t.BonusCap is not null)
            {
                Error(path + ".bonusUncapped", $"expected either a bonus cap or bonusUncapped, found both (bonusCap {Format(t.BonusCap.Value)})",
                    $"加分封顶与加分不封顶只能二选一，实际两者都有（bonusCap 为 {Format(t.BonusCap.Value)}）");
            }

            if (t.Weights is { } weights)
            {
                CheckWeights(t, weights, path + ".weights", Error);
            }

            if (t.RelativeTo is { } relative && relative.Percent is <= 0 or > MaxRelativePercent)
            {
                Error(path + ".relativeTo.percent", $"expected a percentage of the reference value above 0 and at most {Format(MaxRelativePercent)}, found {Format(relative.Percent)}",
                    $"相对目标应为参照值的百分比（大于 0，不超过 {Format(MaxRelativePercent)}），实际为 {Format(relative.Percent)}");
            }

            if (t.BonusUncapped && t.BonusPerUnit <= 0)
            {
                Error(path + ".bonusUncapped", "expected a bonusPerUnit above 0 for an uncapped bonus, found none",
                    "加分不封顶的指标应设每单位加分（bonusPerUnit 大于 0），实际未设");
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
                Error(path + ".raterGroups", "expected at least one rater group, found none", "应至少有一个评价主体组，实际没有");
            }

            var groups = new HashSet<string>(StringComparer.Ordinal);
            for (var g = 0; g < r.RaterGroups.Count; g++)
            {
                NonNegative(r.RaterGroups[g].Weight, $"{path}.raterGroups[{g}].weight");
                if (!groups.Add(r.RaterGroups[g].Group))
                {
                    Error($"{path}.raterGroups[{g}].group", $"expected each rater group once, found '{r.RaterGroups[g].Group}' twice",
                        $"每个评价主体组只应出现一次，实际 '{r.RaterGroups[g].Group}' 出现两次");
                }

                CheckRaters(scheme.SubjectKind, r.RaterGroups[g], $"{path}.raterGroups[{g}]", Error);
            }

            if (r.FallbackRating is < 0 or > Hundred)
            {
                Error(path + ".fallbackRating", $"expected a rating from 0 to 100, found {Format(r.FallbackRating.Value)}",
                    $"保底评分应为 0 至 100，实际为 {Format(r.FallbackRating.Value)}");
            }

            var weights = r.RaterGroups.Sum(g => g.Weight);
            if (r.RaterGroups.Count > 0 && weights != Hundred)
            {
                Error(path + ".raterGroups", $"expected rater group weights summing to 100, found {Format(weights)}",
                    $"期望评价主体组权重之和为 100，实际为 {Format(weights)}");
            }

            allocated[r.Category] = allocated.GetValueOrDefault(r.Category) + r.Points;
        }

        foreach (var category in scheme.Categories.Select((c, i) => (c, i)))
        {
            var sum = allocated.GetValueOrDefault(category.c.Id);
            if (sum > category.c.Base)
            {
                Error($"$.categories[{category.i}].base",
                    $"expected the indicators' points in category '{category.c.Id}' to fit within its base {Format(category.c.Base)}, found {Format(sum)}",
                    $"期望类别 '{category.c.Id}' 各指标分值之和不超过其基础分 {Format(category.c.Base)}，实际为 {Format(sum)}");
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
                Error(path + ".upliftPercent", $"expected a percentage from 0 to 100, found {Format(item.UpliftPercent)}",
                    $"应为 0 至 100 的百分比，实际为 {Format(item.UpliftPercent)}");
            }
        }

        CheckLeaderWorkload(scheme, CheckCategoryRef, NonNegative, Error, Warn);
        CheckGrading(scheme.Grading, categoryIds, Error);

        var quarterWeights = scheme.YearEnd.QuarterWeights;
        if (quarterWeights.Count != 4)
        {
            Error("$.yearEnd.quarterWeights", $"expected 4 quarter weights, found {quarterWeights.Count}", $"应有 4 个季度权重，实际为 {quarterWeights.Count} 个");
        }
        else if (quarterWeights.Sum() != Hundred || quarterWeights.Any(w => w < 0))
        {
            Error("$.yearEnd.quarterWeights", $"expected 4 weights of 0 or more summing to 100, found {string.Join(", ", quarterWeights.Select(Format))}",
                $"期望 4 个不小于 0 的季度权重之和为 100，实际为 {string.Join("、", quarterWeights.Select(Format))}");
        }

        return issues;
    }

    private static void CheckCategories(Scheme scheme, Action<string, string, string> error, Action<string, string, string> warn)
    {
        if (scheme.Categories.Count == 0)
        {
            error("$.categories", "expected at least one category, found none", "应至少有一个类别，实际没有");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < scheme.Categories.Count; i++)
        {
            var c = scheme.Categories[i];
            if (!seen.Add(c.Id))
            {
                error($"$.categories[{i}].id", $"expected a unique category id, found '{c.Id}' twice", $"类别标识应唯一，实际 '{c.Id}' 出现两次");
            }

            if (c.Base < 0)
            {
                error($"$.categories[{i}].base", $"expected a base of 0 or more, found {Format(c.Base)}", $"基础分应不小于 0，实际为 {Format(c.Base)}");
            }

            if (scheme.Mode == SchemeMode.Weighted)
            {
                if (c.Weight is null)
                {
                    error($"$.categories[{i}].weight", "expected a weight in a weighted scheme, found none", "加权方案中每个类别应设权重，实际未设");
                }
                else if (c.Weight < 0)
                {
                    error($"$.categories[{i}].weight", $"expected a weight of 0 or more, found {Format(c.Weight.Value)}", $"权重应不小于 0，实际为 {Format(c.Weight.Value)}");
                }

                if (c.Base > Hundred)
                {
                    error($"$.categories[{i}].base", $"expected a raw base from 0 to 100 in a weighted scheme, found {Format(c.Base)}",
                        $"加权方案中原始基础分应为 0 至 100，实际为 {Format(c.Base)}");
                }
            }
            else if (c.Weight is not null)
            {
                error($"$.categories[{i}].weight", $"expected no weight in a base-plus-adjustment scheme (bases carry the share), found {Format(c.Weight.Value)}",
                    $"基础分加减分方案中类别不应设权重（分值份额由基础分体现），实际为 {Format(c.Weight.Value)}");
            }
        }

        decimal performanceShare;
        if (scheme.Mode == SchemeMode.Weighted)
        {
            var weights = scheme.Categories.Sum(c => c.Weight ?? 0m);
            if (weights != Hundred)
            {
                error("$.categories", $"expected category weights summing to 100, found {Format(weights)}", $"期望类别权重之和为 100，实际为 {Format(weights)}");
            }

            performanceShare = scheme.Categories.Where(c => c.Performance).Sum(c => c.Weight ?? 0m);
        }
        else
        {
            var bases = scheme.Categories.Sum(c => c.Base);
            if (bases != Hundred)
            {
                error("$.categories", $"expected category bases summing to 100, found {Format(bases)}", $"期望类别基础分之和为 100，实际为 {Format(bases)}");
            }

            performanceShare = scheme.Categories.Where(c => c.Performance).Sum(c => c.Base);
        }

        if (string.Equals(scheme.Guideline, Scheme.SppGuideline2021, StringComparison.Ordinal) && performanceShare < 60m)
        {
            warn("$.categories", $"the SPP guideline (检察人员考核工作指引) expects performance indicators to make at least 60% of the total; found {Format(performanceShare)}%",
                $"《检察人员考核工作指引》要求业绩指标占总分不低于 60%，实际为 {Format(performanceShare)}%");
        }
    }

    /// <summary>What a draft (方案草案) must say beyond a scheme already decided: every rater group states its
    /// <c>raters</c>. A scheme stored before rater kinds existed still reads (its groups as <c>sameDepartment</c>,
    /// k = 1); a draft saved or submitted now says who rates, so the Party group decides on it knowingly.</summary>
    public static IReadOnlyList<ValidationIssue> ValidateDraft(Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var issues = new List<ValidationIssue>();
        var kinds = string.Join(", ", Enum.GetValues<RaterKind>().Select(JsonName));
        var kindsZh = string.Join("、", Enum.GetValues<RaterKind>().Select(JsonName));
        for (var i = 0; i < scheme.RatedIndicators.Count; i++)
        {
            var indicator = scheme.RatedIndicators[i];
            for (var g = 0; g < indicator.RaterGroups.Count; g++)
            {
                if (indicator.RaterGroups[g].Raters is null)
                {
                    var group = indicator.RaterGroups[g].Group;
                    issues.Add(new(IssueSeverity.Error, $"$.ratedIndicators[{i}].raterGroups[{g}].raters",
                        $"expected the raters of group '{group}' of '{indicator.Id}' stated in a draft (one of {kinds}), found none",
                        $"方案草案应写明 '{indicator.Id}' 的评价主体组 '{group}' 由谁评价（{kindsZh} 之一），实际未写明"));
                }
            }
        }

        return issues;
    }

    /// <summary>What a scheme's rater groups mean in one office: each <c>departmentId</c> a department of the office
    /// (an error otherwise), and a warning for each group in which some subjects have fewer people to answer than its
    /// minimum responses (those subjects' group cannot count, even if everyone answers). External groups are not
    /// checked: their raters are outside the office. <c>partyGroup</c>: the Party group's members when the office names
    /// them (office leaders besides the chief and deputy chief prosecutors).</summary>
    public static IReadOnlyList<ValidationIssue> ValidateRaters(Scheme scheme, OfficeOrganisation organisation, IReadOnlyCollection<string>? partyGroup = null)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(organisation);
        var issues = new List<ValidationIssue>();
        var subjects = SubjectSet.For(scheme, organisation);
        for (var i = 0; i < scheme.RatedIndicators.Count; i++)
        {
            var indicator = scheme.RatedIndicators[i];
            for (var g = 0; g < indicator.RaterGroups.Count; g++)
            {
                var group = indicator.RaterGroups[g];
                var path = $"$.ratedIndicators[{i}].raterGroups[{g}]";
                if (group.Raters == RaterKind.Department && group.DepartmentId is { } department && organisation.FindDepartment(department) is null)
                {
                    issues.Add(new(IssueSeverity.Error, path + ".departmentId",
                        $"expected a department of {organisation.Office.Id}, found '{department}'",
                        $"应为本院（{organisation.Office.Name}）的部门，实际为 '{department}'"));
                    continue;
                }

                if (group.EffectiveRaters == RaterKind.External)
                {
                    continue;
                }

                var minimum = group.EffectiveMinResponses;
                var fewer = subjects.Items
                    .Where(s => RaterEligibility.Respondents(organisation, indicator, group, s, partyGroup).Count < minimum)
                    .ToList();
                if (fewer.Count == 0)
                {
                    continue;
                }

                var some = string.Join(", ", fewer.Take(5).Select(s => $"{s.Name} {s.Id}")) + (fewer.Count > 5 ? ", …" : string.Empty);
                var someZh = string.Join("、", fewer.Take(5).Select(s => $"{s.Name}（{s.Id}）")) + (fewer.Count > 5 ? "等" : string.Empty);
                issues.Add(new(IssueSeverity.Warning, path + ".minResponses",
                    $"{fewer.Count} of {subjects.Count} subjects have fewer than {minimum} people who answer in group '{group.Group}' of '{indicator.Id}' ({some}): the group cannot count for them",
                    $"{fewer.Count} 名（共 {subjects.Count} 名）考核对象在 '{indicator.Id}' 的评价主体组 '{group.Group}' 中可参评人数少于最低 {minimum} 人（{someZh}），该组对其不能计入"));
            }
        }

        return issues;
    }

    /// <summary>A rater group's raters: a known kind, a department exactly for <see cref="RaterKind.Department"/>, a
    /// minimum of responses within range, and in a department scheme raters from outside the rated department.</summary>
    private static void CheckRaters(SubjectKind subjects, RaterGroup group, string path, Action<string, string, string> error)
    {
        if (group.Raters is { } kind && !Enum.IsDefined(kind))
        {
            error(path + ".raters", $"expected one of {string.Join(", ", Enum.GetValues<RaterKind>().Select(JsonName))}, found '{kind}'",
                $"评价主体范围应为 {string.Join("、", Enum.GetValues<RaterKind>().Select(JsonName))} 之一，实际为 '{kind}'");
        }

        var department = string.IsNullOrWhiteSpace(group.DepartmentId) ? null : group.DepartmentId;
        if (group.Raters == RaterKind.Department && department is null)
        {
            error(path + ".departmentId", $"expected the department whose members rate in group '{group.Group}' (raters 'department'), found none",
                $"评价主体组 '{group.Group}' 由指定部门评价（department），应指明部门，实际未指明");
        }
        else if (group.Raters != RaterKind.Department && group.DepartmentId is not null)
        {
            error(path + ".departmentId", $"expected a department only with raters 'department', found '{group.DepartmentId}' with '{JsonName(group.EffectiveRaters)}'",
                $"仅由指定部门评价（department）时才应指明部门，实际评价主体范围为 '{JsonName(group.EffectiveRaters)}' 却指明了 '{group.DepartmentId}'");
        }

        if (group.MinResponses is < 1 or > RaterGroup.MaxMinResponses)
        {
            error(path + ".minResponses", $"expected a minimum of 1 to {RaterGroup.MaxMinResponses} responses, found {group.MinResponses}",
                $"最低有效评分份数应为 1 至 {RaterGroup.MaxMinResponses}，实际为 {group.MinResponses}");
        }

        if (subjects == SubjectKind.Department && group.Raters is RaterKind.SameDepartment or RaterKind.DepartmentHead)
        {
            error(path + ".raters", $"expected raters from outside the rated department in a department scheme (its own members would rate themselves), found '{JsonName(group.Raters.Value)}'",
                $"部门考核方案中评价主体应来自被评部门之外（本部门人员不评本部门），实际为 '{JsonName(group.Raters.Value)}'");
        }
    }

    private static void CheckLeaderWorkload(Scheme scheme, Action<string, string> categoryRef, Action<decimal?, string> nonNegative,
        Action<string, string, string> error, Action<string, string, string> warn)
    {
        var rules = scheme.LeaderWorkload;
        if (rules is null)
        {
            return;
        }

        if (scheme.SubjectKind != SubjectKind.Person)
        {
            error("$.leaderWorkload", "expected leader workload rules only in a person scheme, found them in a department scheme",
                "领导干部办案量规则只适用于个人考核方案，实际出现在部门考核方案中");
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
                error(path + ".post", "expected a leadership post, found 'none'", "应为领导职务，实际为 'none'");
            }

            if (!posts.Add(rule.Post))
            {
                error(path + ".post", $"expected each post once, found '{rule.Post}' twice", $"每个领导职务只应出现一次，实际 '{rule.Post}' 出现两次");
            }

            if (rule.MinSharePercent is < 0 or > Hundred)
            {
                error(path + ".minSharePercent", $"expected a percentage from 0 to 100, found {Format(rule.MinSharePercent)}",
                    $"应为 0 至 100 的百分比，实际为 {Format(rule.MinSharePercent)}");
                continue;
            }

            var (low, high) = SourceRange(rule.Post, scheme.OfficeLevel);
            if (rule.Post != LeadershipPost.None && (rule.MinSharePercent < low || rule.MinSharePercent > high))
            {
                warn(path + ".minSharePercent",
                    $"第十条 gives {Format(low)}–{Format(high)}% for {rule.Post}{(scheme.OfficeLevel is { } level ? $" at a {level} office" : string.Empty)}; found {Format(rule.MinSharePercent)}%",
                    $"第十条规定{(scheme.OfficeLevel is { } levelZh ? LevelZh(levelZh) : string.Empty)}{PostZh(rule.Post)}（{rule.Post}）办案量应为同类平均的 {Format(low)}–{Format(high)}%，实际为 {Format(rule.MinSharePercent)}%");
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

    private static void CheckGrading(GradingRules grading, HashSet<string> categoryIds, Action<string, string, string> error)
    {
        if (grading.ExcellentQuotaPercent is < 0 or > Hundred)
        {
            error("$.grading.excellentQuotaPercent", $"expected a quota from 0 to 100 percent, found {Format(grading.ExcellentQuotaPercent)}",
                $"优秀比例应为 0 至 100%，实际为 {Format(grading.ExcellentQuotaPercent)}");
        }

        var grades = new HashSet<Grade>();
        for (var i = 0; i < grading.Thresholds.Count; i++)
        {
            var t = grading.Thresholds[i];
            var path = $"$.grading.thresholds[{i}]";
            if (t.Grade == Grade.Fail)
            {
                error(path + ".grade", "expected excellent, good or competent; 'fail' is what falls below every threshold",
                    "应为 excellent、good 或 competent；'fail' 是低于所有分数线的等次，不设分数线");
            }

            if (!grades.Add(t.Grade))
            {
                error(path + ".grade", $"expected each grade once, found '{t.Grade}' twice", $"每个等次只应出现一次，实际 '{t.Grade}' 出现两次");
            }

            if (t.Min < 0)
            {
                error(path + ".min", $"expected a minimum of 0 or more, found {Format(t.Min)}", $"分数线应不小于 0，实际为 {Format(t.Min)}");
            }

            if (i > 0)
            {
                var previous = grading.Thresholds[i - 1];
                if (t.Grade <= previous.Grade)
                {
                    error(path + ".grade", $"expected grades from best to worst, found '{t.Grade}' after '{previous.Grade}'",
                        $"等次应从高到低排列，实际 '{t.Grade}' 排在 '{previous.Grade}' 之后");
                }

                if (t.Min >= previous.Min)
                {
                    error(path + ".min", $"expected a minimum below {Format(previous.Min)} (the '{previous.Grade}' threshold), found {Format(t.Min)}: thresholds overlap",
                        $"分数线应低于 {Format(previous.Min)}（'{previous.Grade}' 的分数线），实际为 {Format(t.Min)}：分数线重叠");
                }
            }
        }

        if (!grades.Contains(Grade.Excellent))
        {
            error("$.grading.thresholds", "expected a threshold for 'excellent', found none", "应设 'excellent' 的分数线，实际未设");
        }

        for (var i = 0; i < grading.TieBreak.Count; i++)
        {
            if (!categoryIds.Contains(grading.TieBreak[i]))
            {
                error($"$.grading.tieBreak[{i}]", $"expected one of the scheme's categories ({string.Join(", ", categoryIds)}), found '{grading.TieBreak[i]}'",
                    $"应为本方案的类别之一（{string.Join("、", categoryIds)}），实际为 '{grading.TieBreak[i]}'");
            }
        }
    }

    private static string PostZh(LeadershipPost post) => post switch
    {
        LeadershipPost.ChiefProsecutor => "检察长",
        LeadershipPost.DeputyChiefProsecutor => "副检察长（其他入额院领导）",
        LeadershipPost.DepartmentHead => "部门负责人",
        _ => post.ToString(),
    };

    private static string LevelZh(OfficeLevel level) => level switch
    {
        OfficeLevel.Basic => "基层院",
        OfficeLevel.Prefecture => "设区市院",
        OfficeLevel.Provincial => "省院",
        _ => level.ToString(),
    };

    /// <summary>A rater kind as scheme documents spell it (<c>sameDepartment</c>).</summary>
    private static string JsonName(RaterKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>The largest weight a case may count (a case is not worth more than a hundred).</summary>
    public const decimal MaxCaseWeight = 100m;

    private static void CheckWeights(TargetIndicator t, CaseWeights weights, string path, Action<string, string, string> error)
    {
        if (t.Metric is not (CaseMetric.CaseCount or CaseMetric.FlaggedCount))
        {
            error(path, $"expected weights on a caseCount or flaggedCount indicator only, found them on {t.Metric}",
                $"只有 caseCount、flaggedCount 指标可按案件加权，实际为 {t.Metric}");
        }

        if (weights.Values.Count == 0)
        {
            error(path + ".values", "expected at least one case type or class with its weight, found none", "应至少给出一个案件类型或类别及其权重，实际没有");
        }

        foreach (var (name, weight) in weights.Values)
        {
            if (!Inputs.TextRules.IsValid(name, Inputs.TextRules.MaxName, false, out var reason, out var reasonZh) || name.Length == 0)
            {
                error($"{path}.values", $"expected a case type or class name, found '{name}' ({(name.Length == 0 ? "empty" : reason)})",
                    $"应为案件类型或类别名称，实际为 '{name}'（{(name.Length == 0 ? "为空" : reasonZh)}）");
            }

            if (weight is < 0 or > MaxCaseWeight)
            {
                error($"{path}.values.{name}", $"expected a weight from 0 to {Format(MaxCaseWeight)}, found {Format(weight)}", $"权重应在 0 至 {Format(MaxCaseWeight)} 之间，实际为 {Format(weight)}");
            }
        }

        if (weights.Default is < 0 or > MaxCaseWeight)
        {
            error(path + ".default", $"expected a weight from 0 to {Format(MaxCaseWeight)}, found {Format(weights.Default)}", $"权重应在 0 至 {Format(MaxCaseWeight)} 之间，实际为 {Format(weights.Default)}");
        }
    }

    internal static string Format(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
