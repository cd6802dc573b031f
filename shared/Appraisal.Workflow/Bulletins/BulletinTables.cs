using Appraisal.Domain.Text;
using Appraisal.Workflow.Exports;
using Appraisal.Workflow.Pages;

namespace Appraisal.Workflow.Bulletins;

/// <summary>The bulletin's views as tables — department ranking, people's quarter-to-date scores, warnings, and the
/// running quarter's rating response rates when it has a rating window — for its
/// page and its workbook alike, so both show the same columns in the same order.</summary>
public static class BulletinTables
{
    public static IReadOnlyList<ExportTable> Of(MonthlyBulletin bulletin, Language language)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        string T(string key) => PageText.Get(language, "Bulletin." + key);
        var names = bulletin.Departments.ToDictionary(d => d.DepartmentId, d => d.Name, StringComparer.Ordinal);
        IReadOnlyList<ExportTable> rates = bulletin.ResponseRates.Count == 0 ? [] :
        [
            new ExportTable(PageText.Format(language, "RateResults.BulletinHeading", bulletin.Quarter),
                [PageText.Get(language, "RateResults.BulletinDepartment"), PageText.Get(language, "RateResults.BulletinEligible"), PageText.Get(language, "RateResults.BulletinAnswered"),
                    PageText.Get(language, "RateResults.BulletinRate"), PageText.Get(language, "RateResults.Warning")],
                bulletin.ResponseRates.Select(r => (IReadOnlyList<object?>)[r.Name, r.Eligible, r.Answered, r.Rate is { } rate ? $"{rate:0.0}%" : "—",
                    r.BelowMinimum ? PageText.Get(language, "RateResults.BulletinBelow") : string.Empty]).ToList()),
        ];
        return
        [
            new ExportTable(T("Ranking"),
                [T("Rank"), T("Department"), T("People"), T("Average"), T("LastMonth"), T("Change"), T("Data")],
                bulletin.Departments.Select(d => (IReadOnlyList<object?>)[d.Rank, d.Name, d.People, d.Average, d.PreviousAverage, d.Change, T(d.MissingData ? "Missing" : "Complete")]).ToList()) { Decimals = bulletin.Decimals },
            new ExportTable(T("PeopleSheet"),
                [T("Id"), T("Name"), T("Department"), T("Month"), T("QuarterToDate"), T("Months"), T("Change")],
                bulletin.People.Select(p => (IReadOnlyList<object?>)[p.SubjectId, p.Name, names.GetValueOrDefault(p.DepartmentId, p.DepartmentId), p.Month, p.QuarterToDate, p.Months, p.Change]).ToList()) { Decimals = bulletin.Decimals },
            new ExportTable(T("Warnings"),
                [T("Id"), T("Name"), T("Department"), T("Warning")],
                bulletin.Warnings.Select(w => (IReadOnlyList<object?>)[w.SubjectId, w.Name, names.GetValueOrDefault(w.DepartmentId, w.DepartmentId), w.Text]).ToList()),
            .. rates,
        ];
    }
}
