namespace Appraisal.Storage.Schemes;

/// <summary>A scheme version is drafted by the appraisal office, then decided by the Party group (党组决定) and frozen.</summary>
public enum SchemeStatus
{
    Draft,
    Decided,
}
