using System.Globalization;
using System.Text;
using Appraisal.Domain.Text;
using Appraisal.Workflow.Bulletins;
using Appraisal.Workflow.Exports;
using static Appraisal.Workflow.Pages.Html;

namespace Appraisal.Workflow.Pages;

/// <summary>The month's bulletin as a print-friendly page (月度通报): department rankings with the change against
/// last month, the charts, the running quarter scores, and the warnings; and the same views as workbook sheets.</summary>
public static class BulletinPage
{
    public static string Render(MonthlyBulletin bulletin, Language language)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        var content = new StringBuilder();
        var missing = bulletin.Departments.Count(d => d.MissingData);
        content.Append(CultureInfo.InvariantCulture, $"""
            <p class="notice" role="note">{E(T(language,
                $"本月参加考核 {bulletin.People.Count} 人、{bulletin.Departments.Count} 个部门；警示 {bulletin.Warnings.Count} 项；数据不全的部门 {missing} 个。" + (bulletin.PreviousPeriod is { } p ? $"变化与 {p} 相比。" : "本季度首次通报，无上月对比。"),
                $"{bulletin.People.Count} people in {bulletin.Departments.Count} departments; {bulletin.Warnings.Count} warning(s); {missing} department(s) with missing data." + (bulletin.PreviousPeriod is { } p2 ? $" Changes against {p2}." : " No earlier month to compare.")))}</p>
            """);

        var tables = Tables(bulletin, language);
        string[] charts = [BulletinCharts.DepartmentAverages(bulletin, language), BulletinCharts.Distribution(bulletin, language)];
        for (var t = 0; t < tables.Count; t++)
        {
            var table = tables[t];
            content.Append(CultureInfo.InvariantCulture, $"<h2>{E(table.Name)}</h2>");
            if (t < charts.Length)
            {
                content.Append(CultureInfo.InvariantCulture, $"<figure>{charts[t]}</figure>");
            }

            content.Append("<table><thead><tr>");
            foreach (var header in table.Headers)
            {
                content.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(header)}</th>");
            }

            content.Append("</tr></thead><tbody>\n");
            foreach (var row in table.Rows)
            {
                content.Append("<tr>");
                foreach (var cell in row)
                {
                    content.Append(cell switch
                    {
                        decimal d => $"<td class=\"n\">{N(d)}</td>",
                        int i => $"<td class=\"n\">{i.ToString(CultureInfo.InvariantCulture)}</td>",
                        _ => $"<td>{E(Convert.ToString(cell, CultureInfo.InvariantCulture))}</td>",
                    });
                }

                content.Append("</tr>\n");
            }

            content.Append("</tbody></table>\n");
        }

        return Page(language, T(language, $"{bulletin.OfficeName} {bulletin.Period} 绩效考核月度通报", $"{bulletin.OfficeName} {bulletin.Period} monthly appraisal bulletin"),
            T(language, $"{bulletin.Quarter} 季度累计；考核方案 {bulletin.SchemeId} 第 {bulletin.SchemeVersion} 版", $"{bulletin.Quarter} to date; scheme {bulletin.SchemeId} version {bulletin.SchemeVersion}"), content.ToString());
    }

    /// <summary>The bulletin's views: department ranking, people's quarter-to-date scores, warnings.</summary>
    public static IReadOnlyList<ExportTable> Tables(MonthlyBulletin bulletin, Language language)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        string T2(string zh, string en) => T(language, zh, en);
        var names = bulletin.Departments.ToDictionary(d => d.DepartmentId, d => d.Name, StringComparer.Ordinal);
        return
        [
            new ExportTable(T2("部门排名", "Department ranking"),
                [T2("名次", "Rank"), T2("部门", "Department"), T2("人数", "People"), T2("平均分", "Average"), T2("上月", "Last month"), T2("变化", "Change"), T2("数据", "Data")],
                bulletin.Departments.Select(d => (IReadOnlyList<object?>)[d.Rank, d.Name, d.People, d.Average, d.PreviousAverage, d.Change, d.MissingData ? T2("不全", "missing") : T2("完整", "complete")]).ToList()),
            new ExportTable(T2("人员季度累计", "People, quarter to date"),
                [T2("编号", "Id"), T2("姓名", "Name"), T2("部门", "Department"), T2("本月", "Month"), T2("季度累计", "Quarter to date"), T2("月数", "Months"), T2("较上月", "Change")],
                bulletin.People.Select(p => (IReadOnlyList<object?>)[p.SubjectId, p.Name, names.GetValueOrDefault(p.DepartmentId, p.DepartmentId), p.Month, p.QuarterToDate, p.Months, p.Change]).ToList()),
            new ExportTable(T2("警示", "Warnings"),
                [T2("编号", "Id"), T2("姓名", "Name"), T2("部门", "Department"), T2("警示", "Warning")],
                bulletin.Warnings.Select(w => (IReadOnlyList<object?>)[w.SubjectId, w.Name, names.GetValueOrDefault(w.DepartmentId, w.DepartmentId), w.Text]).ToList()),
        ];
    }
}
