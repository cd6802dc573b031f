using Appraisal.Domain.Cases;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;

namespace Appraisal.Domain.Scoring;

/// <summary>The year-end appraisal (年终总考核): each category's quarter scores combined with the scheme's
/// quarter weights, plus the year-end-only ledger items, plus — where the scheme assesses 第十条 yearly — the leaders'
/// workload shares on the year's case records, deducted once; then ranked and graded like a quarter.</summary>
public static class YearEndScorer
{
    /// <summary>The year-end from the year's quarter scorecards and its year-end ledger (entries read by
    /// <c>LedgerCsv</c> for the year: year-end-only items) — the path both the CLI's <c>year-end</c> and the
    /// workflow's combining take, so a year scores the same whichever runs it. Where the scheme assesses 第十条 yearly
    /// (<see cref="NeedsYearCases"/>), <paramref name="yearCases"/> are the year's case records: each leader's share
    /// on the year's workload against the year's peer average, deducted once.</summary>
    public static IReadOnlyList<Scorecard> Score(Scheme scheme, int year, SubjectSet subjects, IEnumerable<Scorecard> quarters, IEnumerable<LedgerEntry> yearEndLedger,
        CaseLog? yearCases = null) =>
        Score(scheme, year, subjects, quarters, LedgerBook.Build(scheme, subjects, yearEndLedger), yearCases);

    /// <summary>Whether the year-end of a scheme reads the year's case records: where 第十条 is assessed yearly.</summary>
    public static bool NeedsYearCases(Scheme scheme) => scheme?.LeaderWorkload?.Assessed == WorkloadAssessment.Yearly;

    public static IReadOnlyList<Scorecard> Score(Scheme scheme, int year, SubjectSet subjects, IEnumerable<Scorecard> quarters, LedgerBook yearEndLedger,
        CaseLog? yearCases = null)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(quarters);
        ArgumentNullException.ThrowIfNull(yearEndLedger);
        var period = Period.OfYear(year);
        var plan = new SchemePlan(scheme);
        Cases.IndicatorTable? workloads = null;
        Scorer.PeerAverages? peers = null;
        if (NeedsYearCases(scheme))
        {
            workloads = CaseAggregator.Aggregate(scheme, subjects, yearCases ?? throw new ArgumentException("a scheme that assesses 第十条 yearly needs the year's case records", nameof(yearCases)), period);
            peers = Scorer.PeerAverages.Compute(scheme, subjects, workloads);
        }

        var quarterNames = period.Quarters().Select(q => q.ToString()).ToArray();
        var bySubject = quarters
            .Where(q => q.SchemeId == scheme.Id && q.SchemeVersion == scheme.Version && Array.IndexOf(quarterNames, q.Period) >= 0)
            .GroupBy(q => q.SubjectId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(q => Array.IndexOf(quarterNames, q.Period)), StringComparer.Ordinal);

        var cards = new Scorecard[subjects.Count];
        for (var s = 0; s < subjects.Count; s++)
        {
            var subject = subjects[s];
            var own = bySubject.GetValueOrDefault(subject.Id) ?? [];
            var warnings = new List<ScoreWarning>();
            var present = Enumerable.Range(0, 4).Where(own.ContainsKey).ToArray();
            foreach (var missing in Enumerable.Range(0, 4).Except(present))
            {
                warnings.Add(new(WarningCode.QuarterMissing, quarterNames[missing], null, scheme.YearEnd.QuarterWeights[missing]));
            }

            // Missing quarters are left out and the present ones' weights scaled up to make 100.
            var weightSum = present.Sum(q => scheme.YearEnd.QuarterWeights[q]);
            var lines = new List<ScoreLine>();
            var categories = new CategoryScore[scheme.Categories.Count];
            var entries = yearEndLedger.For(s);
            var used = new decimal[scheme.LedgerItems.Count];
            var total = 0m;
            for (var c = 0; c < scheme.Categories.Count; c++)
            {
                var builder = new Scorer.LineBuilder(lines, scheme.Categories[c].Id, plan.Factor[c], scheme.Decimals);
                var first = lines.Count;
                foreach (var q in present)
                {
                    var quarterCategory = own[q].Categories.FirstOrDefault(x => x.Category == scheme.Categories[c].Id);
                    var weight = scheme.YearEnd.QuarterWeights[q];
                    builder.Add(LineKind.Quarter, LineOutcome.Applied, quarterNames[q], weightSum == 0 ? 0m : quarterCategory.Raw * weight / weightSum, quarterCategory.Raw, 0, (int)weight);
                }

                Scorer.ScoreLedger(plan, period, entries, c, used, builder, warnings);
                if (c == plan.WorkloadCategory && workloads is not null)
                {
                    Scorer.ScoreWorkload(scheme.LeaderWorkload!, plan, period, subject, workloads.Workload(s), peers!, builder, warnings);
                }

                categories[c] = Scorer.Settle(lines, first, builder, warnings);
                total += categories[c].Points;
            }

            cards[s] = Scorecard.Ungraded(scheme, subject, period.ToString(), lines, categories, total, warnings);
        }

        return Grader.GradeAndRank(scheme, cards);
    }
}
