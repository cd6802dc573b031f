namespace Appraisal.Workflow.Cycle;

/// <summary>What a reminder or an escalation activity needs: whom it concerns and the deadline.</summary>
public sealed record DepartmentNotice(string OfficeId, string Period, string DepartmentId, DateTime DeadlineUtc);
