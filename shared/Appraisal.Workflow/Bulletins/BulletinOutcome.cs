namespace Appraisal.Workflow.Bulletins;

/// <summary>The stored bulletin and how many warnings it raised (cases near or past their time limit, leaders below
/// their workload share, departments with missing data).</summary>
public sealed record BulletinOutcome(string OfficeId, string Period, string BulletinId, int Warnings);
