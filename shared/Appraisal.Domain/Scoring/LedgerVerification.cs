namespace Appraisal.Domain.Scoring;

/// <summary>What the appraisal office's verification (核查) did to a claim it did not accept as claimed.</summary>
public enum LedgerVerdict
{
    /// <summary>Counted with the occurrences the office found, not those claimed.</summary>
    Adjusted,

    /// <summary>Not counted at all.</summary>
    Rejected,
}

/// <summary>The office's verdict on one ledger claim, with the occurrences claimed and its reason, kept on the entry so
/// the scorecard line shows both what was claimed and what was counted, and why.</summary>
public sealed record LedgerVerification(LedgerVerdict Verdict, int ClaimedOccurrences, string Reason);
