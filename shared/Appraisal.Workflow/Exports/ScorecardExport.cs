using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;

namespace Appraisal.Workflow.Exports;

/// <summary>A cycle's results as tables: the ranking (rank, name, department, category scores, total, grade), every
/// scorecard line as the scheme explains it, and the departments' averages.</summary>
public static class ScorecardExport
{
    public static IReadOnlyList<ExportTable> Tables(OfficeOrganisation org, Scheme scheme, IReadOnlyList<Scorecard> cards, Language language)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(cards);
        string T(string zh, string en) => language == Language.En ? en : zh;
        string Name(LocalizedText text) => language == Language.En && text.En.Length > 0 ? text.En : text.Zh;
        string Department(string id) => org.FindDepartment(id)?.Name ?? id;
        var ordered = cards.OrderBy(c => c.OfficeRank).ThenBy(c => c.SubjectId, StringComparer.Ordinal).ToList();
        var decimals = Scorecard.DecimalsOf(cards);

        var ranking = new ExportTable(T("排名", "Ranking"),
            [T("名次", "Rank"), T("编号", "Id"), T("姓名", "Name"), T("部门", "Department"), .. scheme.Categories.Select(c => Name(c.Name)), T("总分", "Total"), T("等次", "Grade")],
            ordered.Select(c => (IReadOnlyList<object?>)[
                c.OfficeRank, c.SubjectId, c.SubjectName, Department(c.DepartmentId),
                .. scheme.Categories.Select(k => (object?)(c.Categories.FirstOrDefault(x => x.Category == k.Id).Points)),
                c.Total, ScorecardText.Grade(c.Grade, language)]).ToList())
        { Decimals = decimals };

        var lines = new ExportTable(T("记分明细", "Lines"),
            [T("编号", "Id"), T("姓名", "Name"), T("类别", "Category"), T("说明", "Line"), T("得分", "Points"), T("证明材料", "Evidence")],
            ordered.SelectMany(c => c.Lines.Select(l => (IReadOnlyList<object?>)[
                c.SubjectId, c.SubjectName, scheme.Categories.FirstOrDefault(k => k.Id == l.Category)?.Name is { } n ? Name(n) : l.Category,
                ScorecardText.Line(l, scheme, language), l.Points, l.Entry?.Evidence])).ToList())
        { Decimals = decimals };

        var departments = new ExportTable(T("部门", "Departments"),
            [T("部门", "Department"), T("人数", "People"), T("平均分", "Average"), T("最高分", "Highest"), T("最低分", "Lowest")],
            ordered.GroupBy(c => c.DepartmentId)
                .Select(g => (IReadOnlyList<object?>)[Department(g.Key), g.Count(), Scorecard.Average(g.Select(c => c.Total), decimals), g.Max(c => c.Total), g.Min(c => c.Total)])
                .OrderByDescending(r => (decimal)r[2]!).ToList())
        { Decimals = decimals };
        return [ranking, lines, departments];
    }
}
