using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Workflow.Bulletins;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;

namespace Appraisal.Workflow.Actions;

/// <summary>One month of a person's running score: the month's bulletin if it has been composed, the person's figures
/// in it (none when the bulletin does not list them), their place in the bulletin's list of people (ordered by the
/// quarter to date, as the bulletin orders it) out of how many, their department's line and their warnings.</summary>
public sealed record RunningScoreMonth(string Period, bool Composed, BulletinPerson? Figures, int? Place, int Listed, BulletinDepartment? Department, IReadOnlyList<BulletinWarning> Warnings)
{
    /// <summary>The decimals of the month's scores (its bulletin's).</summary>
    public int Decimals { get; init; } = Domain.Schemes.Scheme.DefaultDecimals;
}

/// <summary>A person's running score for a quarter (本季度累计成绩): each month as the monthly bulletins have it, and
/// the latest month they are listed in — whose quarter to date is the running total.</summary>
public sealed record RunningScore(OfficeOrganisation Org, Person Person, Period Quarter, IReadOnlyList<RunningScoreMonth> Months)
{
    public RunningScoreMonth? Latest => Months.LastOrDefault(m => m.Figures is not null);
}

/// <summary>A person's running score this quarter, read from the stored monthly bulletins (月度通报) — never scored
/// again here, so the page says what the bulletins said. Read by the same rule as the dossier: staff their own, a
/// department head their department's people, the appraisal office, the Party group and supervisors anyone's.</summary>
public sealed class RunningScoreQueries(CycleRecords records, StorageBulletinServices bulletins, TimeProvider clock)
{
    public async Task<RunningScore> ForAsync(Caller caller, string officeId, string personId, string? quarter, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ReadDossier, officeId);
        var q = quarter is { Length: > 0 } ? Handler.Period(quarter, "quarter", PeriodKind.Quarter) : CurrentQuarter();
        var org = await records.OrganisationAsync(officeId, cancel).ConfigureAwait(false);
        var person = org.FindPerson(personId)
            ?? throw new RequestRefusedException(404, "personId", $"expected a person of {officeId}, found none with id '{personId}'", $"{officeId} 院没有人员 '{personId}'");
        ResultQueries.ReadsInFull(caller, person.Id, person.DepartmentId);

        var months = new List<RunningScoreMonth>();
        for (var m = q.Start.Month; m <= q.End.Month; m++)
        {
            var month = Period.Month(q.Year, m).ToString();
            var bulletin = await bulletins.ReadAsync(officeId, month, cancel).ConfigureAwait(false);
            if (bulletin is null)
            {
                months.Add(new RunningScoreMonth(month, false, null, null, 0, null, []));
                continue;
            }

            var index = bulletin.People.ToList().FindIndex(p => p.SubjectId == person.Id);
            var figures = index >= 0 ? bulletin.People[index] : null;
            months.Add(new RunningScoreMonth(month, true, figures, index >= 0 ? index + 1 : null, bulletin.People.Count,
                bulletin.Departments.FirstOrDefault(d => d.DepartmentId == person.DepartmentId),
                [.. bulletin.Warnings.Where(w => w.SubjectId == person.Id)])
            { Decimals = bulletin.Decimals });
        }

        return new RunningScore(org, person, q, months);
    }

    /// <summary>The quarter that runs now, in Beijing time (where the office is).</summary>
    private Period CurrentQuarter()
    {
        var today = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        return Period.Quarter(today.Year, ((today.Month - 1) / 3) + 1);
    }
}
