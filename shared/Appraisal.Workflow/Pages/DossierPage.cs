using System.Globalization;
using System.Text;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;
using Appraisal.Workflow.Cycle;
using static Appraisal.Workflow.Pages.Html;

namespace Appraisal.Workflow.Pages;

/// <summary>One result in a dossier: the scorecard, whether it is final, and the scheme version that explains its lines.</summary>
public sealed record DossierResult(Scorecard Card, bool Final, Scheme? Scheme);

/// <summary>A person's electronic performance dossier (电子业绩档案) as a page: who they are and their position's
/// duties, then their results year by year — monthly, quarterly and annual — each with its scorecard trace (every
/// line as the scheme explains it), the ledger entries with links to their evidence, and the warnings. Filtered by
/// year and kind with a plain GET form.</summary>
public static class DossierPage
{
    public static string Render(OfficeOrganisation org, Person person, IReadOnlyList<DossierResult> results, IReadOnlyList<ObjectionRecord> objections, bool showFilers, int? year, PeriodKind? kind, Language language, Func<string, string> evidenceUrl)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(objections);
        ArgumentNullException.ThrowIfNull(evidenceUrl);
        var department = org.FindDepartment(person.DepartmentId)?.Name ?? person.DepartmentId;
        var position = person.PositionId is { } id ? org.FindPosition(id) : null;
        var content = new StringBuilder();
        content.Append(CultureInfo.InvariantCulture, $"""
            <h2>{E(T(language, "基本情况", "Profile"))}</h2>
            <dl class="facts"><dt>{E(T(language, "姓名", "Name"))}</dt><dd>{E(person.Name)}</dd>
            <dt>{E(T(language, "部门", "Department"))}</dt><dd>{E(department)}</dd>
            <dt>{E(T(language, "岗位", "Position"))}</dt><dd>{E(position?.Title ?? T(language, "（未设岗位）", "(none)"))}</dd></dl>
            """);
        if (position is { Description.Duties.Count: > 0 })
        {
            content.Append(CultureInfo.InvariantCulture, $"<h3>{E(T(language, "岗位职责", "Duties"))}</h3><ul>{string.Concat(position.Description.Duties.Select(d => $"<li>{E(d)}</li>"))}</ul>");
        }

        var years = results.Select(r => r.Card.Period).Concat(objections.Select(o => o.Period)).Select(p => Period.Parse(p).Year).Distinct().OrderDescending().ToList();
        content.Append(CultureInfo.InvariantCulture, $"""
            <form class="filters" method="get">
            <div><label for="year">{E(T(language, "年度", "Year"))}</label><select id="year" name="year"><option value="">{E(T(language, "全部", "All"))}</option>{string.Concat(years.Select(y => $"<option{(y == year ? " selected" : "")}>{y}</option>"))}</select></div>
            <div><label for="kind">{E(T(language, "类别", "Kind"))}</label><select id="kind" name="kind"><option value="">{E(T(language, "全部", "All"))}</option>{Option(PeriodKind.Month, T(language, "月度", "Monthly"), kind)}{Option(PeriodKind.Quarter, T(language, "季度", "Quarterly"), kind)}{Option(PeriodKind.Year, T(language, "年度", "Annual"), kind)}</select></div>
            <div><button type="submit">{E(T(language, "筛选", "Filter"))}</button></div>
            </form>
            """);

        var shown = results
            .Where(r => Shown(r.Card.Period, year, kind))
            .OrderByDescending(r => r.Card.Period, StringComparer.Ordinal)
            .ToList();
        content.Append(CultureInfo.InvariantCulture, $"<h2>{E(T(language, "考核结果", "Results"))}（{shown.Count}）</h2>");
        if (shown.Count == 0)
        {
            content.Append(CultureInfo.InvariantCulture, $"<p>{E(T(language, "没有符合条件的考核结果。", "No results match."))}</p>");
        }

        foreach (var group in shown.GroupBy(r => Period.Parse(r.Card.Period).Year))
        {
            content.Append(CultureInfo.InvariantCulture, $"<h3>{group.Key} {E(T(language, "年", ""))}</h3>");
            foreach (var result in group)
            {
                Result(content, result, language, evidenceUrl);
            }
        }

        Objections(content, person, [.. objections.Where(o => Shown(o.Period, year, kind))], showFilers, language);
        return Page(language, T(language, $"{person.Name} 的业绩档案", $"Performance dossier of {person.Name}"), T(language, $"{org.Office.Name} · {department}", $"{org.Office.Name} · {department}"), content.ToString());
    }

    private static void Result(StringBuilder content, DossierResult result, Language language, Func<string, string> evidenceUrl)
    {
        var card = result.Card;
        var state = result.Final ? T(language, "最终结果", "final") : T(language, "未最终确定", "not final yet");
        content.Append(CultureInfo.InvariantCulture, $"""
            <section aria-labelledby="r-{E(card.Period)}">
            <h4 id="r-{E(card.Period)}">{E(card.Period)}：{E(T(language, "总分", "total"))} <span class="total">{N(card.Total)}</span>，{E(ScorecardText.Grade(card.Grade, language))}，{E(T(language, "全院第", "office rank "))}{card.OfficeRank}{E(T(language, "名", ""))}（{E(state)}）</h4>
            <table><caption>{E(T(language, "记分明细", "Scorecard lines"))}</caption>
            <thead><tr><th scope="col">{E(T(language, "类别", "Category"))}</th><th scope="col">{E(T(language, "说明", "Line"))}</th><th scope="col" class="n">{E(T(language, "得分", "Points"))}</th><th scope="col">{E(T(language, "证明材料", "Evidence"))}</th></tr></thead><tbody>
            """);
        foreach (var line in card.Lines)
        {
            var text = result.Scheme is { } scheme ? ScorecardText.Line(line, scheme, language) : line.Item ?? line.Kind.ToString();
            var category = result.Scheme?.Categories.FirstOrDefault(c => c.Id == line.Category)?.Name is { } name ? (language == Language.En && name.En.Length > 0 ? name.En : name.Zh) : line.Category;
            content.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(category)}</td><td>{E(text)}</td><td class=\"n\">{N(line.Points)}</td><td>{Evidence(line.Entry?.Evidence, evidenceUrl)}</td></tr>\n");
        }

        content.Append("</tbody></table>\n");
        if (card.Warnings.Count > 0 && result.Scheme is { } s)
        {
            content.Append(CultureInfo.InvariantCulture, $"<div class=\"warn\"><strong>{E(T(language, "警示", "Warnings"))}</strong><ul>{string.Concat(card.Warnings.Select(w => $"<li>{E(ScorecardText.Warning(w, s, language))}</li>"))}</ul></div>");
        }

        content.Append("</section>\n");
    }

    /// <summary>The objections to the person's results (异议及处理结果): when filed, by whom where the reader may know,
    /// the grounds, and the review's outcome.</summary>
    private static void Objections(StringBuilder content, Person person, IReadOnlyList<ObjectionRecord> objections, bool showFilers, Language language)
    {
        content.Append(CultureInfo.InvariantCulture, $"<h2>{E(T(language, "异议及处理结果", "Objections and outcomes"))}（{objections.Count}）</h2>");
        if (objections.Count == 0)
        {
            content.Append(CultureInfo.InvariantCulture, $"<p>{E(T(language, "没有异议记录。", "No objections."))}</p>");
            return;
        }

        content.Append(CultureInfo.InvariantCulture, $"""
            <table class="objections"><caption>{E(T(language, "异议记录（时间为北京时间）", "Objections (Beijing time)"))}</caption>
            <thead><tr><th scope="col">{E(T(language, "考核期", "Period"))}</th><th scope="col">{E(T(language, "提出时间", "Filed"))}</th><th scope="col">{E(T(language, "提出人", "Filed by"))}</th><th scope="col">{E(T(language, "理由", "Grounds"))}</th><th scope="col">{E(T(language, "处理结果", "Outcome"))}</th><th scope="col">{E(T(language, "复核时间", "Reviewed"))}</th></tr></thead><tbody>
            """);
        foreach (var o in objections)
        {
            var filer = o.FiledBy == person.Id ? T(language, "本人", "the person") : showFilers ? o.FiledBy : T(language, "其他人员", "someone else");
            var outcome = o.Outcome switch
            {
                ObjectionOutcome.Reopened => T(language, "已复核：退回重新核查", "reviewed: reopened for verification"),
                ObjectionOutcome.Stands => T(language, "已复核：维持原结果", "reviewed: the result stands"),
                _ => T(language, "待复核", "awaiting review"),
            };
            content.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(o.Period)}</td><td>{E(Beijing(o.FiledAt))}</td><td>{E(filer)}</td><td>{E(o.Reason)}</td><td>{E(outcome)}</td><td>{E(o.ReviewedAt is { } at ? Beijing(at) : "—")}</td></tr>\n");
        }

        content.Append("</tbody></table>\n");
    }

    private static bool Shown(string period, int? year, PeriodKind? kind)
    {
        var p = Period.Parse(period);
        return (year is null || p.Year == year) && (kind is null || p.Kind == kind);
    }

    /// <summary>An evidence file cited by its SHA-256 is a link to it; any other reference (a ledger number) is shown as written.</summary>
    private static string Evidence(string? reference, Func<string, string> evidenceUrl) => reference switch
    {
        { Length: 64 } sha when sha.All(char.IsAsciiHexDigitLower) => $"<a href=\"{E(evidenceUrl(sha))}\">{E(sha[..12])}…</a>",
        { Length: > 0 } other => E(other),
        _ => string.Empty,
    };

    private static string Option(PeriodKind value, string text, PeriodKind? selected) =>
        $"<option value=\"{value}\"{(value == selected ? " selected" : "")}>{E(text)}</option>";
}
