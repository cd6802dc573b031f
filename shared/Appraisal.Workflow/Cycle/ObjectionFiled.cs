namespace Appraisal.Workflow.Cycle;

/// <summary>An objection (异议) filed during a round's publication, stored before the event is raised; one raised late
/// for an earlier round is not counted in a later one.</summary>
public sealed record ObjectionFiled(string SubjectId, string DepartmentId, string ObjectionKey, int Round);
