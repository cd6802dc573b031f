namespace Appraisal.Workflow.Cycle;

/// <summary>What the appraisal office does with a submission in verification (核查).</summary>
public enum VerificationAction
{
    Accept,

    /// <summary>Accepted with adjustments, the reason recorded.</summary>
    Adjust,

    /// <summary>Returned for correction, with a new deadline.</summary>
    Return,
}
