namespace Appraisal.Workflow.Cycle;

/// <summary>Names of the external events the cycle waits for; raised by the HTTP handlers after the record is stored.</summary>
public static class WorkflowEvents
{
    /// <summary>A department's self-evaluation (自查自评) was stored.</summary>
    public const string SubmissionReceived = nameof(SubmissionReceived);
}
