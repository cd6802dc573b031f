namespace Appraisal.Workflow.Cycle;

/// <summary>What a reminder or an escalation activity needs: whom it concerns and the deadline.</summary>
public sealed record DepartmentNotice(string OfficeId, string Period, string DepartmentId, DateTime DeadlineUtc);

/// <summary>The departments of one office's cycle that one reminder or escalation activity concerns, all with the
/// same deadline (the cycle's windows that came due together): a payload of their ids, not of one notice each.</summary>
public sealed record DepartmentNotices(string OfficeId, string Period, DateTime DeadlineUtc, IReadOnlyList<string> Departments)
{
    public IEnumerable<DepartmentNotice> Each => Departments.Select(d => new DepartmentNotice(OfficeId, Period, d, DeadlineUtc));
}
