namespace Appraisal.Storage.Evidence;

/// <summary>A stored evidence file: its SHA-256 (the reference ledger entries carry), type decided by content, size, and the
/// sanitised name it was uploaded under.</summary>
public sealed record EvidenceRef(string Sha256, string ContentType, long Size, string? FileName);
