namespace Appraisal.Storage.SelfEvaluations;

/// <summary>The department head's review of a revision of a person's self-evaluation: accepted, or returned to the
/// person with a reason (to revise while the self-evaluation window is open).</summary>
public enum SelfEvaluationReview
{
    Accepted,
    Returned,
}
