namespace Appraisal.Domain.Decisions;

/// <summary>One member's decision, with the reason given (required to reject), and the decision round it was cast in
/// when known (an emailed link names its round; a vote from an earlier round does not count in a later one).</summary>
public sealed record Vote(string MemberId, bool Approve, string? Reason = null, int? Round = null);
