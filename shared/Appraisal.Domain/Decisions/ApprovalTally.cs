namespace Appraisal.Domain.Decisions;

/// <summary>Counts the Party group's votes under the scheme's rule. Each member's first vote counts (links are
/// single-use); votes of people who are not members are ignored. The outcome is settled as soon as it cannot change:
/// under a majority, when more than half approved, or when so many rejected that a majority can no longer be reached.</summary>
public static class ApprovalTally
{
    public static DecisionState Evaluate(ApprovalRule rule, IReadOnlyList<string> members, string? chiefId, IEnumerable<Vote> votes)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(votes);
        if (members.Count == 0)
        {
            throw new ArgumentException("expected at least one Party-group member, found none", nameof(members));
        }

        if (rule == ApprovalRule.ChiefDecides && (chiefId is null || !members.Contains(chiefId, StringComparer.Ordinal)))
        {
            throw new ArgumentException($"expected the chief among the members for rule {rule}, found '{chiefId}'", nameof(chiefId));
        }

        var counted = new Dictionary<string, Vote>(StringComparer.Ordinal);
        var memberSet = members.ToHashSet(StringComparer.Ordinal);
        foreach (var vote in votes)
        {
            if (memberSet.Contains(vote.MemberId))
            {
                counted.TryAdd(vote.MemberId, vote);
            }
        }

        var approved = members.Where(m => counted.TryGetValue(m, out var v) && v.Approve).ToList();
        var rejected = members.Where(m => counted.TryGetValue(m, out var v) && !v.Approve).Select(m => counted[m]).ToList();
        var awaiting = members.Where(m => !counted.ContainsKey(m)).ToList();
        var outcome = rule switch
        {
            ApprovalRule.All => rejected.Count > 0 ? DecisionOutcome.Rejected : awaiting.Count == 0 ? DecisionOutcome.Approved : DecisionOutcome.Pending,
            ApprovalRule.ChiefDecides => counted.TryGetValue(chiefId!, out var chief) ? (chief.Approve ? DecisionOutcome.Approved : DecisionOutcome.Rejected) : DecisionOutcome.Pending,
            _ => approved.Count * 2 > members.Count ? DecisionOutcome.Approved
                : (approved.Count + awaiting.Count) * 2 <= members.Count ? DecisionOutcome.Rejected
                : DecisionOutcome.Pending,
        };
        return new DecisionState(outcome, approved, rejected, awaiting);
    }
}
