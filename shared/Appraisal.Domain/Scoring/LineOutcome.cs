namespace Appraisal.Domain.Scoring;

/// <summary>Which branch of a rule a line took.</summary>
public enum LineOutcome : byte
{
    Applied,
    Met,
    Above,
    Below,

    /// <summary>Nothing to measure (no cases): the points stand and a warning is raised.</summary>
    NoData,

    /// <summary>Limited by the item's or indicator's own cap.</summary>
    Capped,

    /// <summary>Not counted: the item requires evidence and the entry has none.</summary>
    EvidenceMissing,

    /// <summary>Not counted: the item applies only at year end.</summary>
    YearEndOnly,

    /// <summary>No rating from any group: no points and a warning.</summary>
    MissingRatings,

    /// <summary>Not counted: the appraisal office rejected the claim at verification (its reason on the entry).</summary>
    Rejected,

    /// <summary>No rater group reached its minimum responses: the indicator's fallback rating stands, with a warning.</summary>
    Fallback,
}
