namespace Appraisal.Domain.Cases;

/// <summary>Whether a case is still being handled (在办) or has been closed (办结).</summary>
public enum CaseStatus
{
    Open,
    Closed,
}
