using Appraisal.Storage.Submissions;
using Appraisal.Workflow.Cycle;

namespace Appraisal.Workflow.Pages;

/// <summary>The appraisal office's verdicts on single claims of a returned submission, each with the claim as it was
/// submitted, so the department's sheet shows a verdict beside the row holding that claim (found by its subject, item
/// and evidence: the head may have changed the occurrences, or moved rows, since).</summary>
public static class ReturnedClaims
{
    public static IReadOnlyList<(LedgerRow Claim, ClaimDecision Decision)> Of(SubmissionRecord? submission)
    {
        if (submission is not { Status: CycleRecords.Returned } || DepartmentClaims.FromPayload(submission.Payload) is not { Decisions: { Count: > 0 } decisions, LedgerCsv: { Length: > 0 } ledger })
        {
            return [];
        }

        var byLine = decisions.ToDictionary(d => d.Line);
        return [.. LedgerRow.ByLine(ledger).Where(c => byLine.ContainsKey(c.Line)).Select(c => (c.Row, byLine[c.Line]))];
    }

    /// <summary>The verdict on the claim a form row holds, if the office gave one.</summary>
    public static ClaimDecision? For(IReadOnlyList<(LedgerRow Claim, ClaimDecision Decision)> verdicts, LedgerRow row) =>
        verdicts.FirstOrDefault(v => v.Claim.Subject == row.Subject && v.Claim.Item == row.Item && v.Claim.Evidence == row.Evidence).Decision;
}
