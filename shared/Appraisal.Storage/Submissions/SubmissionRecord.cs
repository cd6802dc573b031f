namespace Appraisal.Storage.Submissions;

/// <summary>A self-evaluation (自查自评) submitted for a department or a person of it, with the key that makes a
/// retried submission the same submission.</summary>
public sealed record SubmissionRecord(
    string OfficeId,
    string Period,
    string DepartmentId,
    string? SubjectId,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    string? IdempotencyKey,
    string Status,
    string Payload);
