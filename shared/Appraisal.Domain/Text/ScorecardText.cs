using System.Globalization;
using System.Text;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;

namespace Appraisal.Domain.Text;

/// <summary>Renders scorecards for people: each line's rule and figures, warnings and grades, in Chinese or English.</summary>
public static class ScorecardText
{
    public static string Grade(Grade grade, Language language) => (grade, language) switch
    {
        (Schemes.Grade.Excellent, Language.Zh) => "优秀",
        (Schemes.Grade.Good, Language.Zh) => "良好",
        (Schemes.Grade.Competent, Language.Zh) => "合格",
        (Schemes.Grade.Fail, Language.Zh) => "不合格",
        _ => grade.ToString(),
    };

    /// <summary>The whole trace of one scorecard: every line with its rule, category totals, total, grade, ranks and warnings.</summary>
    public static string Explain(Scorecard card, Scheme scheme, Language language)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(scheme);
        var zh = language == Language.Zh;
        var text = new StringBuilder();
        text.AppendLine(zh
            ? $"{card.SubjectName}（{card.SubjectId}）{card.Period} 考核记分卡 — 方案 {scheme.Name.In(language)} 第{card.SchemeVersion}版"
            : $"{card.SubjectName} ({card.SubjectId}) scorecard for {card.Period} — scheme {scheme.Name.In(language)} v{card.SchemeVersion}");
        foreach (var category in card.Categories)
        {
            var definition = scheme.Categories.First(c => c.Id == category.Category);
            var weighted = scheme.Mode == SchemeMode.Weighted;
            text.AppendLine();
            text.Append("■ ").Append(definition.Name.In(language));
            text.AppendLine(weighted
                ? (zh ? $"（原始分 {Score(category.Raw, card.Decimals)} × 权重 {N(definition.Weight ?? 0)}% = {Score(category.Points, card.Decimals)} 分）" : $" (raw {Score(category.Raw, card.Decimals)} × weight {N(definition.Weight ?? 0)}% = {Score(category.Points, card.Decimals)})")
                : (zh ? $"（基础分 {N(definition.Base)}，得分 {Score(category.Points, card.Decimals)}）" : $" (base {N(definition.Base)}, scored {Score(category.Points, card.Decimals)})"));
            foreach (var line in card.Lines.Where(l => l.Category == category.Category))
            {
                text.Append("  ").Append(Signed(line.Points, card.Decimals).PadLeft(8)).Append("  ").AppendLine(Line(line, scheme, language));
            }
        }

        text.AppendLine();
        text.AppendLine(zh
            ? $"总分 {Score(card.Total, card.Decimals)}（各行之和）；等次 {Grade(card.Grade, language)}{(card.Grade != card.QualifiedGrade ? $"（分数达{Grade(card.QualifiedGrade, language)}，受优秀比例限制）" : string.Empty)}"
            : $"Total {Score(card.Total, card.Decimals)} (the sum of the lines); grade {Grade(card.Grade, language)}{(card.Grade != card.QualifiedGrade ? $" (qualified for {card.QualifiedGrade}, limited by the Excellent quota)" : string.Empty)}");
        text.AppendLine(zh
            ? $"排名：全院第 {card.OfficeRank} 名{(card.DepartmentRank is { } d ? $"，本部门第 {d} 名" : string.Empty)}"
            : $"Rank: {card.OfficeRank} in the office{(card.DepartmentRank is { } d2 ? $", {d2} in the department" : string.Empty)}");
        if (card.Warnings.Count > 0)
        {
            text.AppendLine(zh ? "警示：" : "Warnings:");
            foreach (var warning in card.Warnings)
            {
                text.Append("  ⚠ ").AppendLine(Warning(warning, scheme, language));
            }
        }

        return text.ToString();
    }

    /// <summary>One line's rule and figures, e.g. "案件办结率 96.5% ≥ 目标 95%：达标 20 分".</summary>
    public static string Line(ScoreLine line, Scheme scheme, Language language)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var zh = language == Language.Zh;
        var name = ItemName(line.Item, scheme, language);
        switch (line.Kind)
        {
            case LineKind.Base:
                return zh ? "基础分（未分配到指标的部分）" : "Base (not assigned to indicators)";
            case LineKind.Target:
                {
                    var t = scheme.TargetIndicators.First(x => x.Id == line.Item);
                    var cmp = t.Direction == Better.Higher ? "≥" : "≤";
                    var value = line.Input is { } v ? Metric(Measured(v), t.Metric) : "—";
                    var target = Metric(line.Reference?.Target ?? t.Target, t.Metric);
                    var text = line.Outcome switch
                    {
                        LineOutcome.NoData => zh ? $"{name}：无可计量案件，按达标计 {N(t.Points)} 分（已警示）" : $"{name}: no cases to measure, counted as met, {N(t.Points)} (warned)",
                        LineOutcome.Below => zh ? $"{name} {value}，未达目标 {cmp} {target}（差 {line.Units} 个单位，{line.Basis} 件）：指标分 {N(t.Points)}" : $"{name} {value}, short of target {cmp} {target} by {line.Units} unit(s), {line.Basis} case(s): indicator points {N(t.Points)}",
                        _ => zh ? $"{name} {value}，达到目标 {cmp} {target}（{line.Basis} 件）：指标分 {N(t.Points)}" : $"{name} {value}, meets target {cmp} {target} ({line.Basis} case(s)): indicator points {N(t.Points)}",
                    };
                    if (t.RelativeTo is { } relative && line.Reference is { } reference && line.Outcome != LineOutcome.NoData)
                    {
                        text += Relative(relative, reference, t.Metric, language);
                    }

                    return t.Weights is { } w && line.Outcome != LineOutcome.NoData ? text + Weights(w, language) : text;
                }

            case LineKind.TargetBonus:
                {
                    var t = scheme.TargetIndicators.First(x => x.Id == line.Item);
                    return zh
                        ? $"{name} 超目标 {line.Units} 个单位 × {N(t.BonusPerUnit)} 分{(line.Outcome == LineOutcome.Capped ? $"，以封顶 {N(t.BonusCap ?? 0)} 分为限" : t.BonusUncapped ? "（加分不封顶）" : string.Empty)}"
                        : $"{name} {line.Units} unit(s) beyond target × {N(t.BonusPerUnit)}{(line.Outcome == LineOutcome.Capped ? $", capped at {N(t.BonusCap ?? 0)}" : t.BonusUncapped ? " (bonus not capped)" : string.Empty)}";
                }

            case LineKind.TargetDeduction:
                {
                    var t = scheme.TargetIndicators.First(x => x.Id == line.Item);
                    return zh
                        ? $"{name} 未达目标 {line.Units} 个单位 × {N(t.DeductionPerUnit)} 分{(line.Outcome == LineOutcome.Capped ? $"，以扣分上限 {N(t.DeductionCap ?? 0)} 分为限" : string.Empty)}"
                        : $"{name} {line.Units} unit(s) short × {N(t.DeductionPerUnit)}{(line.Outcome == LineOutcome.Capped ? $", capped at {N(t.DeductionCap ?? 0)}" : string.Empty)}";
                }

            case LineKind.Rated:
                {
                    var r = scheme.RatedIndicators.First(x => x.Id == line.Item);
                    return line.Outcome switch
                    {
                        LineOutcome.MissingRatings => zh ? $"{name}：无评分，计 0 分（已警示）" : $"{name}: no ratings, 0 points (warned)",
                        LineOutcome.Fallback => zh
                            ? $"{name}：各评价主体组评分均不足最低份数，按保底评分 {N(line.Input ?? 0)} × {N(r.Points)} 分 ÷ 100（已警示）"
                            : $"{name}: no rater group reached its minimum responses; fallback rating {N(line.Input ?? 0)} × {N(r.Points)} / 100 (warned)",
                        _ => zh
                            ? $"{name} 加权评分 {N(line.Input ?? 0)}（{line.Basis} 份评分{(r.DropExtremes ? "，各组去掉最高最低分" : string.Empty)}）× {N(r.Points)} 分 ÷ 100"
                            : $"{name} weighted rating {N(line.Input ?? 0)} ({line.Basis} rating(s){(r.DropExtremes ? ", highest and lowest dropped per group" : string.Empty)}) × {N(r.Points)} / 100",
                    };
                }

            case LineKind.LedgerBonus or LineKind.LedgerDeduction:
                {
                    var item = scheme.LedgerItems.First(x => x.Id == line.Item);
                    var evidence = line.Entry?.Evidence is { } e ? (zh ? $"，材料 {e}" : $", evidence {e}") : string.Empty;
                    var source = line.Entry?.Source is { } s ? $" [{s}]" : string.Empty;
                    var rule = zh
                        ? $"{name} {line.Units} 次 × {N(item.PointsPerOccurrence)} 分{(item.UpliftPercent > 0 ? $"（含上浮 {N(item.UpliftPercent)}%）" : string.Empty)}"
                        : $"{name} {line.Units} × {N(item.PointsPerOccurrence)}{(item.UpliftPercent > 0 ? $" (incl. {N(item.UpliftPercent)}% uplift)" : string.Empty)}";
                    var outcome = line.Outcome switch
                    {
                        LineOutcome.Capped => zh ? $"，本项封顶 {N(item.Cap ?? 0)} 分" : $", item capped at {N(item.Cap ?? 0)}",
                        LineOutcome.EvidenceMissing => zh ? "：缺少证明材料，不予计分" : ": no evidence, not counted",
                        LineOutcome.YearEndOnly => zh ? "：仅在年终考核计分" : ": counts only at year end",
                        LineOutcome.Rejected => zh ? "：考核办核查不予认定，不计分" : ": rejected at verification, not counted",
                        _ => string.Empty,
                    };
                    var verified = line.Entry?.Verification is { } v
                        ? v.Verdict == LedgerVerdict.Adjusted
                            ? (zh ? $"（申报 {v.ClaimedOccurrences} 次，考核办核定 {line.Units} 次：{v.Reason}）" : $" (claimed {v.ClaimedOccurrences}, verified {line.Units}: {v.Reason})")
                            : (zh ? $"（理由：{v.Reason}）" : $" (reason: {v.Reason})")
                        : string.Empty;
                    return rule + outcome + verified + evidence + source;
                }

            case LineKind.LeaderWorkload:
                {
                    var min = scheme.LeaderWorkload?.Rules.FirstOrDefault(r => r.Post.ToString() == line.Item)?.MinSharePercent ?? 0;
                    var peers = scheme.LeaderWorkload?.PeerAverage == PeerAverage.WithLeaders
                        ? (zh ? "同类平均（含领导干部）" : "peers' average (leaders included)")
                        : (zh ? "同类平均" : "peers' average");
                    if (line.Reference is { } year)
                    {
                        // The year-end of a yearly 第十条: the year's workload against the year's peer average, deducted once.
                        return line.Outcome == LineOutcome.Below
                            ? (zh ? $"领导干部 {year.Period} 年度办案量 {line.Basis} 件，{peers} {N(year.Value ?? 0)} 件，占 {N(line.Input ?? 0)}%，低于第十条要求的 {N(min)}%：年终扣分一次" : $"Leader workload in {year.Period}: {line.Basis} case(s) against the year's {peers} of {N(year.Value ?? 0)}, a share of {N(line.Input ?? 0)}%, below the {N(min)}% of article 10: deducted once at the year end")
                            : (zh ? $"领导干部 {year.Period} 年度办案量 {line.Basis} 件，{peers} {N(year.Value ?? 0)} 件，占 {N(line.Input ?? 0)}%，达到第十条要求的 {N(min)}%" : $"Leader workload in {year.Period}: {line.Basis} case(s) against the year's {peers} of {N(year.Value ?? 0)}, a share of {N(line.Input ?? 0)}%, meets the {N(min)}% of article 10");
                    }

                    if (line.Outcome == LineOutcome.Below && line.Raw == 0 && scheme.LeaderWorkload?.Assessed == WorkloadAssessment.Yearly)
                    {
                        return zh
                            ? $"领导干部办案量 {line.Basis} 件，为{peers}的 {N(line.Input ?? 0)}%，低于第十条要求的 {N(min)}%：按年度考核，本期仅警示不扣分，年终按全年办案量计扣"
                            : $"Leader workload {line.Basis} case(s), {N(line.Input ?? 0)}% of the {peers}, below the {N(min)}% of article 10: assessed yearly, a warning only in this period; the year end deducts on the year's workload";
                    }

                    return line.Outcome == LineOutcome.Below
                        ? (zh ? $"领导干部办案量 {line.Basis} 件，为{peers}的 {N(line.Input ?? 0)}%，低于第十条要求的 {N(min)}%：扣分" : $"Leader workload {line.Basis} case(s), {N(line.Input ?? 0)}% of the {peers}, below the {N(min)}% of article 10: deducted")
                        : (zh ? $"领导干部办案量 {line.Basis} 件，为{peers}的 {N(line.Input ?? 0)}%，达到 {N(min)}%" : $"Leader workload {line.Basis} case(s), {N(line.Input ?? 0)}% of the {peers}, meets {N(min)}%");
                }

            case LineKind.BaseExhausted:
                return zh ? "减分超过本类别所得，超出部分不再扣减（减分直至减完基础分为止）" : "Deductions beyond what the category holds are not applied (a category never drops below 0)";
            case LineKind.Quarter:
                return zh ? $"{line.Item} 季度得分 {N(line.Input ?? 0)} × 权重 {line.Basis}%" : $"{line.Item} quarter score {N(line.Input ?? 0)} × weight {line.Basis}%";
            default:
                return line.Kind.ToString();
        }
    }

    public static string Warning(ScoreWarning warning, Scheme scheme, Language language)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var zh = language == Language.Zh;
        var name = ItemName(warning.Item?.Split('/')[0], scheme, language);
        return warning.Code switch
        {
            WarningCode.NoCaseData => zh ? $"{name}：本期无可计量案件" : $"{name}: no cases to measure this period",
            WarningCode.MissingRatings => zh ? $"{name}：缺少评分（{warning.Item}）" : $"{name}: ratings missing ({warning.Item})",
            WarningCode.EvidenceMissing => zh ? $"{name}：台帐缺少证明材料，未计分" : $"{name}: ledger entry without evidence, not counted",
            WarningCode.YearEndOnlyItem => zh ? $"{name}：仅年终考核计分，本期未计" : $"{name}: counts only at year end",
            WarningCode.LeaderBelowWorkloadShare => zh ? $"领导干部办案量为同类平均的 {N(warning.Value ?? 0)}%，低于 {N(warning.Threshold ?? 0)}%" : $"Leader workload at {N(warning.Value ?? 0)}% of the peers' average, below {N(warning.Threshold ?? 0)}%",
            WarningCode.BaseExhausted => zh ? $"{name}：减分 {N(warning.Value ?? 0)} 超过所得 {N(warning.Threshold ?? 0)}，已减至 0 分" : $"{name}: deductions {N(warning.Value ?? 0)} exceed the {N(warning.Threshold ?? 0)} held; category stops at 0",
            WarningCode.QuotaTie => zh ? $"总分 {N(warning.Value ?? 0)} 在优秀名额（{N(warning.Threshold ?? 0)} 名）边界并列，提请院党组决定" : $"Total {N(warning.Value ?? 0)} tied at the boundary of the Excellent quota ({N(warning.Threshold ?? 0)}): for the Party group to decide",
            WarningCode.BelowMinimumResponses => zh
                ? $"{name}：{GroupName(warning.Item, scheme, language)} 仅 {N(warning.Value ?? 0)} 份评分，少于最低 {N(warning.Threshold ?? 0)} 份，未计入"
                : $"{name}: {GroupName(warning.Item, scheme, language)} has {N(warning.Value ?? 0)} response(s), below its minimum of {N(warning.Threshold ?? 0)}; left out",
            WarningCode.FallbackRating => zh
                ? $"{name}：各评价主体组评分均不足最低份数，按保底评分 {N(warning.Value ?? 0)} 计"
                : $"{name}: no rater group reached its minimum responses; fallback rating {N(warning.Value ?? 0)} used",
            WarningCode.LeaderBelowWorkloadShareUntilYearEnd => zh
                ? $"领导干部办案量为同类平均的 {N(warning.Value ?? 0)}%，低于 {N(warning.Threshold ?? 0)}%；按年度考核，本期仅为警示，是否扣分由年终按全年办案量决定"
                : $"Leader workload at {N(warning.Value ?? 0)}% of the peers' average, below {N(warning.Threshold ?? 0)}%; assessed yearly, this is a warning only: the year end decides on the year's workload",
            WarningCode.NoReferenceValue => NoReference(warning, scheme, name, language),
            WarningCode.QuarterMissing => zh ? $"缺少 {warning.Item} 季度结果，其余季度按比例计权" : $"Quarter {warning.Item} missing; the others' weights scaled up",
            _ => warning.Code.ToString(),
        };
    }

    /// <summary>Which target a relative indicator's line applied and why, e.g. "（相对目标：上一季度 2026-Q1 的 40d × 85%）".</summary>
    private static string Relative(RelativeTarget relative, LineReference reference, CaseMetric metric, Language language)
    {
        var zh = language == Language.Zh;
        var period = ReferenceName(relative.Period, language) + (reference.Period.Length > 0 ? " " + reference.Period : string.Empty);
        if (reference.Period.Length == 0)
        {
            return zh ? "（相对目标按季度参照，本期不是季度，按保底目标）" : " (relative target: only a quarter has a reference quarter; the fallback target)";
        }

        return reference.Value is { } value
            ? (zh ? $"（相对目标：{period} 的 {Metric(value, metric)} × {N(relative.Percent)}%）" : $" (relative target: {N(relative.Percent)}% of the {period} value {Metric(value, metric)})")
            : (zh ? $"（相对目标无参照值：{period} 无可计量案件，按保底目标）" : $" (relative target without a reference value: nothing to measure in the {period}; the fallback target)");
    }

    private static string NoReference(ScoreWarning warning, Scheme scheme, string name, Language language)
    {
        var zh = language == Language.Zh;
        var t = scheme.TargetIndicators.FirstOrDefault(x => x.Id == warning.Item);
        var period = t?.RelativeTo is { } relative ? ReferenceName(relative.Period, language) : string.Empty;
        var target = t is null ? N(warning.Threshold ?? 0) : Metric(warning.Threshold ?? 0, t.Metric);
        return zh ? $"{name}：{period}无参照值，按保底目标 {target} 计" : $"{name}: no reference value in the {period}; the fallback target {target} applied";
    }

    private static string ReferenceName(ReferencePeriod period, Language language) => (period, language) switch
    {
        (ReferencePeriod.PreviousQuarter, Language.Zh) => "上一季度",
        (ReferencePeriod.SameQuarterLastYear, Language.Zh) => "上年同季度",
        (ReferencePeriod.PreviousQuarter, _) => "previous quarter",
        _ => "same quarter last year",
    };

    /// <summary>The rater group of an <c>indicator/group</c> item by its name, else its id.</summary>
    private static string GroupName(string? item, Scheme scheme, Language language)
    {
        var parts = item?.Split('/') ?? [];
        if (parts.Length != 2)
        {
            return item ?? string.Empty;
        }

        var group = scheme.RatedIndicators.FirstOrDefault(x => x.Id == parts[0])?.RaterGroups.FirstOrDefault(g => g.Group == parts[1]);
        return group?.Name?.In(language) ?? parts[1];
    }

    private static string ItemName(string? id, Scheme scheme, Language language)
    {
        if (id is null)
        {
            return string.Empty;
        }

        return scheme.TargetIndicators.FirstOrDefault(x => x.Id == id)?.Name.In(language)
            ?? scheme.RatedIndicators.FirstOrDefault(x => x.Id == id)?.Name.In(language)
            ?? scheme.LedgerItems.FirstOrDefault(x => x.Id == id)?.Name.In(language)
            ?? scheme.Categories.FirstOrDefault(x => x.Id == id)?.Name.In(language)
            ?? id;
    }

    private static string Metric(decimal value, CaseMetric metric) => metric switch
    {
        CaseMetric.ClosureRate or CaseMetric.OverdueRate => N(value) + "%",
        CaseMetric.AverageHandlingDays => N(value) + "d",
        _ => N(value),
    };

    /// <summary>A count's case weights as the explanation gives them, e.g. "（按案件类别加权：实体性×1、程序性×0.5，其他×1）".</summary>
    public static string Weights(CaseWeights weights, Language language)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var zh = language == Language.Zh;
        var values = string.Join(zh ? "、" : ", ", weights.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}×{N(v.Value)}"));
        return zh
            ? $"（按{(weights.By == CaseWeightBasis.Class ? "案件类别" : "案件类型")}加权：{values}，其他×{N(weights.Default)}）"
            : $" (cases weighted by {(weights.By == CaseWeightBasis.Class ? "class" : "case type")}: {values}, others ×{N(weights.Default)})";
    }

    /// <summary>A scheme figure or an input as it is, without trailing zeros (up to the 4 decimals a figure is held to).</summary>
    public static string N(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A score — a line's points, a category score, a total, an average of totals — to the decimals of the
    /// scorecard it comes from (<see cref="Scorecard.Decimals"/>), e.g. 87.50 with 2, 87.5000 with 4, 88 with 0.</summary>
    public static string Score(decimal value, int decimals) => value.ToString(ScoreFormat(decimals), CultureInfo.InvariantCulture);

    /// <summary>The number format of scores with <paramref name="decimals"/> (0–4): <c>0</c>, <c>0.0</c> … <c>0.0000</c>.</summary>
    public static string ScoreFormat(int decimals) => ScoreFormats[Math.Clamp(decimals, 0, Scheme.MaxDecimals)];

    /// <summary>A score with its sign, as a line's points read (+5.00, -2.00).</summary>
    public static string Signed(decimal value, int decimals) => (value >= 0 ? "+" : string.Empty) + Score(value, decimals);

    /// <summary>A measured case metric (a rate, days, a weighted count) as it is shown: to two decimals at most.</summary>
    private static decimal Measured(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static readonly string[] ScoreFormats = ["0", "0.0", "0.00", "0.000", "0.0000"];
}
