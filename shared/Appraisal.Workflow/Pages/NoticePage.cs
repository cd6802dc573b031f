using System.Globalization;
using System.Text;
using Appraisal.Domain.Text;
using Appraisal.Workflow.Cycle;
using static Appraisal.Workflow.Pages.Html;

namespace Appraisal.Workflow.Pages;

/// <summary>The public notice page (公示): results by department with scores and grades, the objection period and the
/// way to object — nothing beyond what the rules allow to be public (name, department, score, grade, rank).</summary>
public static class NoticePage
{
    public static string Render(PublicNotice notice, Language language, DateTimeOffset now, string objectionUrl)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var beijing = TimeSpan.FromHours(8);
        var until = notice.ObjectionsUntilUtc is { } u ? new DateTimeOffset(DateTime.SpecifyKind(u, DateTimeKind.Utc)).ToOffset(beijing) : (DateTimeOffset?)null;
        var open = until is { } end && now < end;
        var content = new StringBuilder();
        content.Append(CultureInfo.InvariantCulture, $"""
            <p class="notice" role="note">{E(T(language,
                $"现将{notice.OfficeName} {notice.Period} 考核结果予以公示（共 {notice.Entries.Count} 名）。" + (until is { } d ? $"公示期至 {d:yyyy年M月d日 HH:mm}（北京时间）。" : ""),
                $"The {notice.Period} results of {notice.OfficeName} are published for objections ({notice.Entries.Count} people)." + (until is { } d2 ? $" Objections until {d2:yyyy-MM-dd HH:mm} (Beijing time)." : "")))}</p>
            """);
        content.Append(open
            ? $"<p>{E(T(language, "对本人考核结果有异议的，请在公示期内", "If you object to your own result, within the objection period"))} <a href=\"{E(objectionUrl)}\">{E(T(language, "提出异议", "file an objection"))}</a>。</p>"
            : $"<p>{E(T(language, "公示期已结束，不再受理异议。", "The objection period is over; no more objections are taken."))}</p>");

        foreach (var department in notice.Entries.GroupBy(e => e.Department).OrderBy(g => g.Min(e => e.Rank)))
        {
            content.Append(CultureInfo.InvariantCulture, $"""
                <table>
                <caption>{E(department.Key)}（{department.Count()} {E(T(language, "名", "people"))}）</caption>
                <thead><tr><th scope="col" class="n">{E(T(language, "名次", "Rank"))}</th><th scope="col">{E(T(language, "姓名", "Name"))}</th><th scope="col" class="n">{E(T(language, "总分", "Total"))}</th><th scope="col">{E(T(language, "等次", "Grade"))}</th></tr></thead>
                <tbody>
                """);
            foreach (var entry in department.OrderBy(e => e.Rank))
            {
                var grade = Enum.TryParse<Domain.Schemes.Grade>(entry.Grade, out var g) ? ScorecardText.Grade(g, language) : entry.Grade;
                content.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"n\">{entry.Rank}</td><td>{E(entry.Name)}</td><td class=\"n\">{N(entry.Total)}</td><td>{E(grade)}</td></tr>\n");
            }

            content.Append("</tbody></table>\n");
        }

        return Page(language, T(language, $"{notice.OfficeName} {notice.Period} 考核结果公示", $"{notice.OfficeName} {notice.Period} results: public notice"),
            T(language, $"考核方案 {notice.SchemeId} 第 {notice.SchemeVersion} 版", $"Scheme {notice.SchemeId} version {notice.SchemeVersion}"), content.ToString());
    }
}
