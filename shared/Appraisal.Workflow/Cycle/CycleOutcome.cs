namespace Appraisal.Workflow.Cycle;

/// <summary>How a cycle ended: the version scored under, the stored results, each department's self-evaluation, how
/// many decision rounds and objections it took.</summary>
public sealed record CycleOutcome(
    string OfficeId,
    string Period,
    int SchemeVersion,
    string ScoringId,
    IReadOnlyList<SelfEvaluationOutcome> Departments,
    int DecisionRounds,
    int Objections);
