using Appraisal.Domain.Periods;

namespace Appraisal.Domain.Schemes;

/// <summary>A target relative to the subject's own value in a reference period, e.g. average handling days at most 85%
/// of the previous quarter's. The indicator's <see cref="TargetIndicator.Target"/> is then the absolute fallback, used
/// (with a warning) where there is no reference value.</summary>
public sealed record RelativeTarget
{
    public required ReferencePeriod Period { get; init; }

    /// <summary>The effective target in percent of the reference value.</summary>
    public required decimal Percent { get; init; }

    /// <summary>The reference period of a scored quarter; none for a month or a year (the fallback applies).</summary>
    public Period? ReferenceOf(Period scored) => scored.Kind != PeriodKind.Quarter
        ? null
        : Period switch
        {
            ReferencePeriod.PreviousQuarter => scored.Number == 1 ? Periods.Period.Quarter(scored.Year - 1, 4) : Periods.Period.Quarter(scored.Year, scored.Number - 1),
            _ => scored.Year == 1 ? null : Periods.Period.Quarter(scored.Year - 1, scored.Number),
        };

    /// <summary>The effective target: reference × percent / 100, rounded once to two decimals (the precision of the
    /// metric values), half away from zero.</summary>
    public decimal EffectiveTarget(decimal reference) => Math.Round(reference * Percent / 100m, 2, MidpointRounding.AwayFromZero);
}

/// <summary>The reference period of a relative target.</summary>
public enum ReferencePeriod
{
    /// <summary>The quarter before the scored one (2026-Q1 for 2026-Q2; 2025-Q4 for 2026-Q1).</summary>
    PreviousQuarter,

    /// <summary>The same quarter a year earlier (2025-Q2 for 2026-Q2).</summary>
    SameQuarterLastYear,
}
