using Appraisal.Workflow.Cycle;

namespace Appraisal.Workflow.Http;

/// <summary>A department's self-evaluation: who submits, and its ratings and ledger claims in the CSV formats of docs/inputs.md.</summary>
public sealed record SubmissionRequest(string SubmittedBy, string? RatingsCsv, string? LedgerCsv);

/// <summary>The appraisal office's verification of a department's submission.</summary>
public sealed record VerificationRequest(VerificationAction Action, string? Reason, string VerifiedBy);

/// <summary>The Party group's decision of the scheme (the latest draft unless a version is named).</summary>
public sealed record SchemeDecisionRequest(int? SchemeVersion, string DecidedBy);

/// <summary>A Party-group member's vote on the results.</summary>
public sealed record VoteRequest(string MemberId, bool Approve, string? Reason);

/// <summary>An objection to a published result.</summary>
public sealed record ObjectionRequest(string SubjectId, string Reason, string FiledBy);

/// <summary>The appraisal office's review of the objections.</summary>
public sealed record ObjectionReviewRequest(IReadOnlyList<string> ReopenDepartments, string ReviewedBy);

/// <summary>A person's self-evaluation (个人自评): a summary of the period's work, the score they give themselves
/// (0–100), and the SHA-256 of the evidence files they cite (uploaded before).</summary>
public sealed record SelfEvaluationRequest(string Summary, decimal SelfScore, IReadOnlyList<string>? Evidence);
