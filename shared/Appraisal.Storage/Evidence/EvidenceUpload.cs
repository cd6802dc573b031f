namespace Appraisal.Storage.Evidence;

/// <summary>One upload of an evidence file: who uploaded it when, and for which office, department and period's
/// submission (none for a file stored by the operator outside any submission). Access to a file follows these.</summary>
public sealed record EvidenceUpload(string UploadedBy, DateTimeOffset At, string? OfficeId, string? DepartmentId, string? Period);
