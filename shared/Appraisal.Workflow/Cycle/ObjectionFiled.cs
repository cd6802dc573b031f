namespace Appraisal.Workflow.Cycle;

/// <summary>An objection (异议) filed during publication, stored before the event is raised.</summary>
public sealed record ObjectionFiled(string SubjectId, string DepartmentId, string ObjectionKey);
