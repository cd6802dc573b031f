namespace Appraisal.Domain.Scoring;

/// <summary>Why a scorecard needs attention (警示).</summary>
public enum WarningCode
{
    /// <summary>An indicator had no cases to measure.</summary>
    NoCaseData,

    /// <summary>A rated indicator had no ratings from a group or at all.</summary>
    MissingRatings,

    /// <summary>A ledger entry lacked the evidence its item requires.</summary>
    EvidenceMissing,

    /// <summary>A year-end-only item was claimed in another period.</summary>
    YearEndOnlyItem,

    /// <summary>A leader is below the workload share of 第十条.</summary>
    LeaderBelowWorkloadShare,

    /// <summary>Deductions exceeded the category's base; the excess was not applied.</summary>
    BaseExhausted,

    /// <summary>Tied at the Excellent quota boundary after every tie-break: for the Party group to decide.</summary>
    QuotaTie,

    /// <summary>A quarter is missing from the year-end combination; the others' weights were scaled up.</summary>
    QuarterMissing,

    /// <summary>A rater group had fewer responses than its minimum (k): left out, the others' weights scaled up
    /// (item <c>indicator/group</c>, value the responses, threshold the minimum).</summary>
    BelowMinimumResponses,

    /// <summary>No rater group of a rated indicator reached its minimum: the indicator's fallback rating was used
    /// (item the indicator, value the fallback rating).</summary>
    FallbackRating,

    /// <summary>A relative target had no reference value (no cases in the reference period, the subject not there
    /// then, or no reference period for a month): the scheme's absolute fallback target applied (item the indicator,
    /// value the fallback target).</summary>
    NoReferenceValue,

    /// <summary>A leader is below 第十条's share in a quarter (or month) where the scheme assesses it yearly: a warning only, the
    /// deduction comes at the year end on the year's share (value the share, threshold the minimum).</summary>
    LeaderBelowWorkloadShareUntilYearEnd,
}
