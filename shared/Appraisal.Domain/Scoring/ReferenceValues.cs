using Appraisal.Domain.Cases;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;

namespace Appraisal.Domain.Scoring;

/// <summary>The subjects' indicator values in the reference periods of a scheme's relative targets (the previous
/// quarter, the same quarter last year), aggregated from those periods' case records like the scored period's.</summary>
public sealed class ReferenceValues
{
    private readonly Dictionary<Period, IndicatorTable> _tables;

    private ReferenceValues(Dictionary<Period, IndicatorTable> tables) => _tables = tables;

    /// <summary>No reference values: every relative target falls back to its absolute target, with a warning.</summary>
    public static ReferenceValues None { get; } = new([]);

    /// <summary>The reference periods a scheme's relative targets need when scoring <paramref name="period"/>: none
    /// without relative targets, or for a month.</summary>
    public static IReadOnlyList<Period> PeriodsOf(Scheme scheme, Period period)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        return scheme.TargetIndicators.Select(t => t.RelativeTo?.ReferenceOf(period)).OfType<Period>().Distinct().ToList();
    }

    /// <summary>Aggregates each reference period's case records (each log may hold more than its period: a case
    /// counts where its dates put it).</summary>
    public static ReferenceValues Aggregate(Scheme scheme, SubjectSet subjects, IReadOnlyDictionary<Period, CaseLog> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return cases.Count == 0
            ? None
            : new(cases.ToDictionary(c => c.Key, c => CaseAggregator.Aggregate(scheme, subjects, c.Value, c.Key)));
    }

    /// <summary>The subject's value of an indicator in a reference period; null when that period was not read.</summary>
    public MetricValue? Value(Period period, int subject, int indicator) =>
        _tables.TryGetValue(period, out var table) ? table[subject, indicator] : null;
}
