namespace Appraisal.Domain.Decisions;

/// <summary>One member's decision, with the reason given (required to reject).</summary>
public sealed record Vote(string MemberId, bool Approve, string? Reason = null);
