namespace Appraisal.Domain.Decisions;

/// <summary>A decision's tally: the outcome so far, who approved, who rejected (with reasons) and who is awaited.</summary>
public sealed record DecisionState(
    DecisionOutcome Outcome,
    IReadOnlyList<string> Approved,
    IReadOnlyList<Vote> Rejected,
    IReadOnlyList<string> Awaiting);
