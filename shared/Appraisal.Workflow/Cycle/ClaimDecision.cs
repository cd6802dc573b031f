using Appraisal.Domain.Scoring;

namespace Appraisal.Workflow.Cycle;

/// <summary>The appraisal office's verdict on one ledger claim of a submission it verifies: the claim by its line in
/// the submitted ledger.csv (2 for the first row, as in every error), adjusted to the occurrences the office found or
/// rejected, always with the reason. Claims without a verdict stand as claimed.</summary>
public sealed record ClaimDecision(int Line, LedgerVerdict Verdict, int? Occurrences, string Reason);
