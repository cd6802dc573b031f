using Appraisal.Domain.Cases;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;

namespace Appraisal.Domain.Scoring;

/// <summary>Everything one period's scoring needs, indexed: the scheme, the subjects, indicator values from
/// case records, ratings and ledger entries.</summary>
public sealed record ScoringInput(
    Scheme Scheme,
    Period Period,
    SubjectSet Subjects,
    IndicatorTable Indicators,
    RatingTable Ratings,
    LedgerBook Ledger)
{
    /// <summary>The subjects' values in the reference periods of the scheme's relative targets (none by default: each
    /// relative target then falls back to its absolute target, with a warning).</summary>
    public ReferenceValues References { get; init; } = ReferenceValues.None;

    /// <summary>Indexes the inputs for scoring: aggregates the case log, takes the ratings summed per subject, indicator
    /// and group (sealed ballots, paper results), and groups the ledger entries; with <paramref name="referenceCases"/>,
    /// the case records of each reference period (<see cref="ReferenceValues.PeriodsOf"/>) aggregated too.</summary>
    public static ScoringInput Prepare(Scheme scheme, Period period, SubjectSet subjects, CaseLog cases, IEnumerable<RatingCell> ratings, IEnumerable<LedgerEntry> ledger,
        IReadOnlyDictionary<Period, CaseLog>? referenceCases = null) =>
        new(scheme, period, subjects,
            CaseAggregator.Aggregate(scheme, subjects, cases, period),
            RatingTable.Build(scheme, subjects, ratings),
            LedgerBook.Build(scheme, subjects, ledger))
        {
            References = referenceCases is null ? ReferenceValues.None : ReferenceValues.Aggregate(scheme, subjects, referenceCases),
        };

    /// <summary>The input from individual ratings (a department's submission), summed first.</summary>
    public static ScoringInput Prepare(Scheme scheme, Period period, SubjectSet subjects, CaseLog cases, IEnumerable<Rating> ratings, IEnumerable<LedgerEntry> ledger,
        IReadOnlyDictionary<Period, CaseLog>? referenceCases = null) =>
        Prepare(scheme, period, subjects, cases, RatingCell.Aggregate(ratings), ledger, referenceCases);
}
