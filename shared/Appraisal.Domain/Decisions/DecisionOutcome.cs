namespace Appraisal.Domain.Decisions;

/// <summary>Where a decision stands.</summary>
public enum DecisionOutcome
{
    Pending,
    Approved,
    Rejected,
}
