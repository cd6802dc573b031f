using System.Globalization;
using Appraisal.Domain.Cases;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;

namespace Appraisal.Workflow.Bulletins;

/// <summary>A department in the month's bulletin: its rank by average score, the change against last month's
/// bulletin, and whether its data was incomplete (indicators without cases, or without ratings).</summary>
public sealed record BulletinDepartment(string DepartmentId, string Name, int People, decimal Average, int Rank, decimal? PreviousAverage, decimal? Change, bool MissingData);

/// <summary>A person in the month's bulletin: the month's score, the running quarter score (the mean of the quarter's
/// months so far), and the change against last month.</summary>
public sealed record BulletinPerson(string SubjectId, string Name, string DepartmentId, decimal Month, decimal QuarterToDate, int Months, decimal? Change);

/// <summary>A warning of the month: whose, which, and the sentence that explains it.</summary>
public sealed record BulletinWarning(string SubjectId, string Name, string DepartmentId, string Code, string Text);

/// <summary>The month's bulletin (月度通报) of one office: department rankings, running quarter scores, the change
/// against last month, and warnings — cases near or past their time limit, leaders below their workload share,
/// departments with missing data. Composed from the month's scorecards, the quarter's earlier months and last month's
/// bulletin and the month's case records; nothing here reads storage.</summary>
public sealed record MonthlyBulletin(
    string OfficeId,
    string OfficeName,
    string Period,
    string Quarter,
    string SchemeId,
    int SchemeVersion,
    string? PreviousPeriod,
    IReadOnlyList<BulletinDepartment> Departments,
    IReadOnlyList<BulletinPerson> People,
    IReadOnlyList<BulletinWarning> Warnings)
{
    /// <summary>The running quarter's rating response rates by department, when the quarter has a rating window (none
    /// otherwise, and in bulletins stored before).</summary>
    public IReadOnlyList<BulletinResponseRate> ResponseRates { get; init; } = [];

    /// <summary>The decimals its scores and averages are given with: the month's scorecards' (2 in bulletins stored before).</summary>
    public int Decimals { get; init; } = Scheme.DefaultDecimals;

    /// <summary>Open cases this close to their time limit at the month's end are warned of.</summary>
    public const int NearTimeLimitDays = 7;

    public static MonthlyBulletin Compose(OfficeOrganisation org, Scheme scheme, Period month, IReadOnlyList<Scorecard> cards,
        IReadOnlyList<IReadOnlyList<Scorecard>> earlierMonthsOfQuarter, MonthlyBulletin? previous, IReadOnlyList<CaseRecord> cases, Language language)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(earlierMonthsOfQuarter);
        var quarter = Domain.Periods.Period.Quarter(month.Year, ((month.Number - 1) / 3) + 1);
        var decimals = cards.Count == 0 ? scheme.Decimals : Scorecard.DecimalsOf(cards);
        var before = previous?.Departments.ToDictionary(d => d.DepartmentId, d => d.Average, StringComparer.Ordinal) ?? [];
        var departments = cards.GroupBy(c => c.DepartmentId)
            .Select(g => (Id: g.Key, People: g.Count(), Average: Scorecard.Average(g.Select(c => c.Total), decimals), Missing: g.Any(c => c.Warnings.Any(w => w.Code == WarningCode.NoCaseData))))
            .OrderByDescending(d => d.Average).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select((d, i) =>
            {
                decimal? last = before.TryGetValue(d.Id, out var b) ? b : null;
                return new BulletinDepartment(d.Id, org.FindDepartment(d.Id)?.Name ?? d.Id, d.People, d.Average, i + 1, last, last is { } l ? d.Average - l : null, d.Missing);
            })
            .ToList();

        var earlier = earlierMonthsOfQuarter.SelectMany(m => m).GroupBy(c => c.SubjectId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(c => c.Total).ToList(), StringComparer.Ordinal);
        var lastMonth = previous?.People.ToDictionary(p => p.SubjectId, p => p.Month, StringComparer.Ordinal) ?? [];
        var people = cards.Where(c => c.SubjectKind == SubjectKind.Person)
            .Select(c =>
            {
                var months = (earlier.GetValueOrDefault(c.SubjectId) ?? []).Append(c.Total).ToList();
                decimal? change = lastMonth.TryGetValue(c.SubjectId, out var m) ? c.Total - m : null;
                return new BulletinPerson(c.SubjectId, c.SubjectName, c.DepartmentId, c.Total, Scorecard.Average(months, decimals), months.Count, change);
            })
            .OrderByDescending(p => p.QuarterToDate).ThenBy(p => p.SubjectId, StringComparer.Ordinal)
            .ToList();

        var warnings = CaseWarnings(org, month, cases, language)
            .Concat(cards.SelectMany(c => c.Warnings.Where(w => w.Code is WarningCode.LeaderBelowWorkloadShare or WarningCode.LeaderBelowWorkloadShareUntilYearEnd)
                .Select(w => new BulletinWarning(c.SubjectId, c.SubjectName, c.DepartmentId, w.Code.ToString(), ScorecardText.Warning(w, scheme, language)))))
            .Concat(departments.Where(d => d.MissingData).Select(d => new BulletinWarning(d.DepartmentId, d.Name, d.DepartmentId, "MissingData",
                language == Language.En ? $"{d.Name}: indicators without case data this month; complete the data" : $"{d.Name}：本月有指标无案件数据，请补全")))
            .ToList();
        return new MonthlyBulletin(org.Office.Id, org.Office.Name, month.ToString(), quarter.ToString(), scheme.Id, scheme.Version, previous?.Period, departments, people, warnings) { Decimals = decimals };
    }

    /// <summary>Cases past their time limit (still open at the month's end, or closed late within it) and open cases
    /// within <see cref="NearTimeLimitDays"/> days of it.</summary>
    private static IEnumerable<BulletinWarning> CaseWarnings(OfficeOrganisation org, Period month, IReadOnlyList<CaseRecord> cases, Language language)
    {
        var end = month.End;
        foreach (var c in cases.OrderBy(c => c.TimeLimit).ThenBy(c => c.CaseId, StringComparer.Ordinal))
        {
            var name = org.FindPerson(c.HandlerId)?.Name ?? c.HandlerId;
            var open = c.Closed is null || c.Closed > end;
            var limit = c.TimeLimit.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (open && c.TimeLimit < end)
            {
                yield return new BulletinWarning(c.HandlerId, name, c.DepartmentId, "CasePastTimeLimit",
                    language == Language.En ? $"case {c.CaseId} is past its time limit {limit} and still open" : $"案件 {c.CaseId} 已超过办理期限（{limit}），尚未办结");
            }
            else if (!open && c.Closed >= month.Start && c.Closed > c.TimeLimit)
            {
                yield return new BulletinWarning(c.HandlerId, name, c.DepartmentId, "CaseClosedLate",
                    language == Language.En ? $"case {c.CaseId} was closed after its time limit {limit}" : $"案件 {c.CaseId} 超过办理期限（{limit}）后办结");
            }
            else if (open && c.TimeLimit <= end.AddDays(NearTimeLimitDays))
            {
                yield return new BulletinWarning(c.HandlerId, name, c.DepartmentId, "CaseNearTimeLimit",
                    language == Language.En ? $"case {c.CaseId} reaches its time limit on {limit}" : $"案件 {c.CaseId} 将于 {limit} 到达办理期限");
            }
        }
    }
}
