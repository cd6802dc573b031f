namespace Appraisal.Workflow.YearEnd;

/// <summary>How the year-end appraisal ended: the stored annual results, decision rounds and objections.</summary>
public sealed record YearEndOutcome(string OfficeId, string Year, string ScoringId, int DecisionRounds, int Objections);
