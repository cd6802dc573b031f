namespace Appraisal.Storage.Audit;

/// <summary>One audit entry: who did what to which record, when, with the record before and after (JSON), chained
/// to the previous entry of the same office and period by its hash.</summary>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Actor,
    string Action,
    string Target,
    string? Before,
    string? After,
    string PreviousHash,
    string Hash);
