namespace Appraisal.Storage.Schemes;

/// <summary>A scheme version is drafted by the appraisal office, submitted for decision (no longer edited: a change
/// is a new version), then decided by the Party group (党组决定) and frozen.</summary>
public enum SchemeStatus
{
    Draft,
    Decided,
    Submitted,
}
