namespace Appraisal.Domain.Decisions;

/// <summary>How the Party group (院党组) decides the results: a majority of members, all of them, or the chief alone
/// (the others advising).</summary>
public enum ApprovalRule
{
    Majority,
    All,
    ChiefDecides,
}
