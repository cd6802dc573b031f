using Appraisal.Domain.Cycles;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.YearEnd;

namespace Appraisal.Workflow.Actions;

/// <summary>What the guard of an action reads of a running cycle (a quarter's or the year-end appraisal): its stage,
/// who it awaits there, the round, until when, and its input (the scheme and, for a quarter, the deadlines).</summary>
public sealed record CycleState(string InstanceId, string OfficeId, string Period, CycleStage Stage, IReadOnlyList<string> Awaiting, int? Round, DateTime? UntilUtc,
    CycleInput? Quarter, YearEndInput? Year)
{
    /// <summary>The scheme the cycle runs under.</summary>
    public string SchemeId => Quarter?.SchemeId ?? Year!.SchemeId;

    public bool Awaits(string id) => Awaiting.Contains(id, StringComparer.Ordinal);

    /// <summary>The departments correcting a returned submission, each with its deadline (while the office verifies the
    /// others, and at correction).</summary>
    public IReadOnlyList<CorrectionWindow> Correcting { get; init; } = [];

    /// <summary>The deadline of the department's correction, or null when it is not correcting a returned submission.
    /// A status written before departments corrected alongside verification names the one correcting as awaited.</summary>
    public DateTime? CorrectionUntil(string departmentId) =>
        Correcting.FirstOrDefault(c => c.DepartmentId == departmentId)?.UntilUtc
        ?? (Stage == CycleStage.Correction && Correcting.Count == 0 && Awaits(departmentId) ? UntilUtc ?? DateTime.MaxValue : null);

    public bool Corrects(string departmentId) => CorrectionUntil(departmentId) is not null;
}
