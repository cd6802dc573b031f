namespace Appraisal.Domain.Scoring;

/// <summary>What a scorecard line accounts for.</summary>
public enum LineKind : byte
{
    /// <summary>The part of a category's base not assigned to any indicator.</summary>
    Base,

    /// <summary>A target indicator's points (its share of the base).</summary>
    Target,

    TargetBonus,

    TargetDeduction,

    /// <summary>A rated indicator: points × rating / 100.</summary>
    Rated,

    LedgerBonus,

    LedgerDeduction,

    /// <summary>A leader below the workload share of 第十条.</summary>
    LeaderWorkload,

    /// <summary>Deductions beyond the category's base, given back: a category never drops below 0 (减分直至减完基础分为止).</summary>
    BaseExhausted,

    /// <summary>A quarter's category score carried into the year with its weight.</summary>
    Quarter,
}
