using System.Text.Json.Serialization;

namespace Appraisal.Storage.SelfEvaluations;

/// <summary>A person's self-evaluation (个人自评) for a period, handed to their department head: a summary of the
/// period's work, the score they give themselves, the evidence files (SHA-256) they cite, the bonuses and deductions
/// they claim for ledger items (each with its evidence), and the Idempotency-Key it was submitted under; with the head's review of this revision once given (accepted, or returned with its reason) —
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
    DateTimeOffset? ReviewedAt = null,
    IReadOnlyList<SelfEvaluationClaim>? Claims = null)
{
    /// <summary>The claims, none for a record stored before claims were taken.</summary>
    [JsonIgnore]
    public IReadOnlyList<SelfEvaluationClaim> ClaimList => Claims ?? [];
}

/// <summary>A bonus or deduction a person claims in their self-evaluation: a ledger item of the cycle's scheme, how
/// often, the evidence file (SHA-256) uploaded for their department that backs it, and an optional one-line note.
/// Nothing is scored from it: the department head takes it into the department's ledger, or not.</summary>
public sealed record SelfEvaluationClaim(string ItemId, int Occurrences, string Evidence, string? Note = null);
