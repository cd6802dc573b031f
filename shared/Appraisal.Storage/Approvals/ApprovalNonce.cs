namespace Appraisal.Storage.Approvals;

/// <summary>The single-use part of an emailed approval link: which cycle, which Party-group member, until when, and
/// when it was used (with the decision taken).</summary>
public sealed record ApprovalNonce(string CycleId, string Nonce, string MemberId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt = null, string? Decision = null);
