using Appraisal.Domain.Organisation;
using Appraisal.Workflow.Actions;

namespace Appraisal.Workflow.Bulletins;

/// <summary>The running quarter's rating response rate of one department of the people rated, in the month's bulletin:
/// summed over the rated indicators and rater groups — how often someone was asked about its people (人次), how often
/// they answered, the rate, and whether some group stays below its minimum. Counts only.</summary>
public sealed record BulletinResponseRate(string DepartmentId, string Name, int Eligible, int Answered, decimal? Rate, bool BelowMinimum)
{
    /// <summary>The rates of a rating window by department, in the organisation's order.</summary>
    public static IReadOnlyList<BulletinResponseRate> Of(ResponseRates rates, OfficeOrganisation org)
    {
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(org);
        return rates.Rows.GroupBy(r => r.DepartmentId, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Eligible: g.Sum(r => r.Eligible), Answered: g.Sum(r => r.Answered), Below: g.Any(r => r.BelowMinimum)))
            .Select(d => new BulletinResponseRate(d.Id, org.FindDepartment(d.Id)?.Name ?? d.Id, d.Eligible, d.Answered,
                d.Eligible == 0 ? null : decimal.Round(100m * d.Answered / d.Eligible, 1), d.Below))
            .ToList();
    }
}
