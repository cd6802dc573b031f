namespace Appraisal.Storage.SelfEvaluations;

/// <summary>A person's self-evaluation (个人自评) for a period, handed to their department head: a summary of the
/// period's work, the score they give themselves, the evidence files (SHA-256) they cite, and the Idempotency-Key it
/// was submitted under; with the head's review of this revision once given (accepted, or returned with its reason) —
/// a new revision by the person is pending review again.</summary>
public sealed record SelfEvaluationRecord(
    string OfficeId,
    string Period,
    string DepartmentId,
    string PersonId,
    string Summary,
    decimal SelfScore,
    IReadOnlyList<string> Evidence,
    DateTimeOffset SubmittedAt,
    string IdempotencyKey,
    int Revision = 1,
    SelfEvaluationReview? Review = null,
    string? ReviewReason = null,
    string? ReviewedBy = null,
    DateTimeOffset? ReviewedAt = null);
