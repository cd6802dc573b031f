using Appraisal.Workflow.Cycle;

namespace Appraisal.Workflow.Http;

// Who acts is never in a body: it is the signed-in caller, recorded as the actor of every record and audit entry.

/// <summary>A department's self-evaluation: its ledger claims in the CSV format of docs/inputs.md. Ratings are not
/// part of it — the raters give them themselves (民主测评) — and a request that still carries
/// <paramref name="RatingsCsv"/> is refused by name (422) rather than having it silently ignored.</summary>
public sealed record SubmissionRequest(string? RatingsCsv, string? LedgerCsv)
{
    /// <summary>The claims to submit; 422 when ratings came with them.</summary>
    public DepartmentClaims Claims()
    {
        if (RatingsCsv is { } ratings && ratings.Split('\n').Skip(1).Count(l => l.Trim().Length > 0) is > 0 and var rows)
        {
            throw new RequestRefusedException(422, "ratingsCsv", $"expected no ratings: the raters give them themselves in the rating window, found {rows} row(s)",
                $"评分由评价人本人在线匿名填写（民主测评），部门自查自评不提交评分，实际提交了 {rows} 行");
        }

        return new DepartmentClaims(LedgerCsv);
    }
}

/// <summary>The appraisal office's verification of a department's submission, with its verdicts on single ledger
/// claims (by their line in the submitted ledger.csv) when it adjusts or rejects some.</summary>
public sealed record VerificationRequest(VerificationAction Action, string? Reason, IReadOnlyList<ClaimDecision>? Claims = null);

/// <summary>The Party group's decision of the scheme (the latest submitted version unless a version is named).</summary>
public sealed record SchemeDecisionRequest(int? SchemeVersion);

/// <summary>A Party-group member's vote on the results, for the round being decided (the cycle's status names it).</summary>
public sealed record VoteRequest(bool Approve, string? Reason, int? Round);

/// <summary>An objection to a published result: whose result (one's own, or for a department head a person or the
/// department of their department) and the grounds.</summary>
public sealed record ObjectionRequest(string? SubjectId, string? Reason);

/// <summary>The appraisal office's review of the objections: the departments it reopens (none: the results stand).</summary>
public sealed record ObjectionReviewRequest(IReadOnlyList<string>? ReopenDepartments);

/// <summary>A person's self-evaluation (个人自评): a summary of the period's work, the score they give themselves
/// (0–100), the SHA-256 of the evidence files they cite (uploaded before), and the bonuses and deductions they claim
/// for ledger items of the cycle's scheme (none: no claims).</summary>
public sealed record SelfEvaluationRequest(string Summary, decimal SelfScore, IReadOnlyList<string>? Evidence, IReadOnlyList<SelfEvaluationClaimRequest?>? Claims = null);

/// <summary>A bonus or deduction claimed in a self-evaluation: the ledger item (its id in the cycle's scheme), how
/// often (1 to 1000), the SHA-256 of a file uploaded for the person's department that backs it (required), and an
/// optional note on one line (at most 200 characters).</summary>
public sealed record SelfEvaluationClaimRequest(string? Item, int? Occurrences, string? Evidence, string? Note = null);

/// <summary>A department head's review of a person's self-evaluation: accept it, or return it with a reason (required
/// to return); the revision reviewed, as read — a later one by the person makes this one stale (409).</summary>
public sealed record SelfEvaluationReviewRequest(bool Accept, string? Reason, int? Revision);
