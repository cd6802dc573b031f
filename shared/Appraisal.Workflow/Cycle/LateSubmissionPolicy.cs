namespace Appraisal.Workflow.Cycle;

/// <summary>What a missed self-evaluation deadline means, as the scheme or the office sets it.</summary>
public enum LateSubmissionPolicy
{
    /// <summary>A submission after the deadline is still taken until the grace period ends, and marked late.</summary>
    AcceptDuringGrace,

    /// <summary>After the deadline the department is recorded as not submitted.</summary>
    Refuse,
}
