namespace Appraisal.Workflow.Cycle;

/// <summary>Names of the external events the cycle waits for; raised by the HTTP handlers after the record is stored.</summary>
public static class WorkflowEvents
{
    /// <summary>A department's self-evaluation (自查自评) was stored.</summary>
    public const string SubmissionReceived = nameof(SubmissionReceived);

    /// <summary>The Party group decided the scheme; the payload is the decided version.</summary>
    public const string SchemeDecided = nameof(SchemeDecided);

    /// <summary>The appraisal office verified a department's submission (<see cref="VerificationDecision"/>).</summary>
    public const string Verified = nameof(Verified);

    /// <summary>A Party-group member approved or rejected the results (a <see cref="Domain.Decisions.Vote"/>), stored before it is raised.</summary>
    public const string ApprovalDecision = nameof(ApprovalDecision);

    /// <summary>An objection was filed during publication.</summary>
    public const string ObjectionFiled = nameof(ObjectionFiled);

    /// <summary>The appraisal office reviewed the objections.</summary>
    public const string ObjectionsReviewed = nameof(ObjectionsReviewed);
}
