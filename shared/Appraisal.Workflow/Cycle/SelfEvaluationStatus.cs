namespace Appraisal.Workflow.Cycle;

/// <summary>How a department's self-evaluation ended.</summary>
public enum SelfEvaluationStatus
{
    Submitted,
    SubmittedLate,
    Missing,
}
