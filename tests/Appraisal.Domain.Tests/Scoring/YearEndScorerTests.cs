using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using static Appraisal.Domain.Tests.TestSchemes;
using static Appraisal.Domain.Tests.TestScoring;

namespace Appraisal.Domain.Tests.Scoring;

/// <summary>The year-end appraisal (年终总考核): quarter category scores weighted, missing quarters renormalised,
/// year-end-only ledger items added.</summary>
public sealed class YearEndScorerTests
{
    /// <summary>One category; quarters weighted 20/25/25/30; a year-end-only honour (+5 + 20%) and breach (−10).</summary>
    private static readonly Scheme Scheme = Person(Category("work", 100)) with
    {
        YearEnd = new YearEndRules { QuarterWeights = [20m, 25m, 25m, 30m] },
        LedgerItems =
        [
            Bonus("annual-honour", "work", 5m, cap: 12m, uplift: 20m, yearEndOnly: true),
            Deduction("annual-breach", "work", 10m, yearEndOnly: true),
        ],
    };

    private static Scorecard Quarter(Scheme scheme, string subject, string period, params (string Category, decimal Raw, decimal Points)[] categories) => new()
    {
        SubjectId = subject,
        SubjectName = subject,
        SubjectKind = scheme.SubjectKind,
        DepartmentId = "D1",
        SchemeId = scheme.Id,
        SchemeVersion = scheme.Version,
        Period = period,
        Lines = [],
        Categories = categories.Select(c => new CategoryScore(c.Category, c.Raw, c.Points)).ToList(),
        Total = categories.Sum(c => c.Points),
    };

    private static Scorecard Quarter(string subject, string period, decimal work) => Quarter(Scheme, subject, period, ("work", work, work));

    private static Scorecard YearEnd(Scheme scheme, IEnumerable<Scorecard> quarters, params LedgerEntry[] ledger)
    {
        var subjects = Subjects("S1");
        return Assert.Single(YearEndScorer.Score(scheme, 2026, subjects, quarters, LedgerBook.Build(scheme, subjects, ledger)));
    }

    private static readonly Scorecard[] FourQuarters =
    [
        Quarter("S1", "2026-Q1", 80m), Quarter("S1", "2026-Q2", 90m), Quarter("S1", "2026-Q3", 70m), Quarter("S1", "2026-Q4", 100m),
    ];

    [Fact]
    public void Quarters_AreWeighted_20_25_25_30()
    {
        // 0.2 × 80 + 0.25 × 90 + 0.25 × 70 + 0.3 × 100 = 16 + 22.5 + 17.5 + 30 = 86.
        var card = YearEnd(Scheme, FourQuarters);

        Assert.Equal([16m, 22.5m, 17.5m, 30m], card.LinesOf(LineKind.Quarter).Select(l => l.Points));
        Assert.Equal(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"], card.LinesOf(LineKind.Quarter).Select(l => l.Item));
        Assert.Equal(86m, card.Total);
        Assert.Equal("2026", card.Period);
        Assert.Empty(card.Warnings);
    }

    [Fact]
    public void MissingQuarter_TheOthersWeightsAreScaledUp_WithAQuarterMissingWarning()
    {
        // Without Q2 the weights 20/25/30 make 75: 80 × 20/75 + 70 × 25/75 + 100 × 30/75 = 21.33 + 23.33 + 40.
        var card = YearEnd(Scheme, FourQuarters.Where(q => q.Period != "2026-Q2"));

        Assert.Equal([21.33m, 23.33m, 40m], card.LinesOf(LineKind.Quarter).Select(l => l.Points));
        Assert.Equal(84.66m, card.Total);
        var warning = Assert.Single(card.Warnings);
        Assert.Equal(WarningCode.QuarterMissing, warning.Code);
        Assert.Equal("2026-Q2", warning.Item);
        Assert.Equal(25m, warning.Threshold);
    }

    [Fact]
    public void QuartersOfAnotherYearOrScheme_DoNotCount()
    {
        var card = YearEnd(Scheme,
        [
            Quarter("S1", "2026-Q1", 80m),
            Quarter("S1", "2025-Q2", 10m),
            Quarter(Scheme with { Id = "other" }, "S1", "2026-Q3", ("work", 10m, 10m)),
        ]);

        Assert.Equal(80m, card.Total);
        Assert.Equal(["2026-Q2", "2026-Q3", "2026-Q4"], card.Warnings.Select(w => w.Item));
    }

    [Fact]
    public void YearEndOnlyBonus_IsAddedToTheWeightedQuarters()
    {
        var card = YearEnd(Scheme, FourQuarters, Entry("S1", "annual-honour"));

        var line = Assert.Single(card.LinesOf(LineKind.LedgerBonus));
        Assert.Equal(6m, line.Points);
        Assert.Equal(92m, card.Total);
    }

    [Fact]
    public void YearEndOnlyBonus_StaysWithinItsCap()
    {
        // 3 × 6 = 18, capped at 12.
        var card = YearEnd(Scheme, FourQuarters, Entry("S1", "annual-honour", occurrences: 3));

        Assert.Equal(LineOutcome.Capped, Assert.Single(card.LinesOf(LineKind.LedgerBonus)).Outcome);
        Assert.Equal(98m, card.Total);
    }

    [Fact]
    public void YearEndOnlyDeduction_IsTakenFromTheWeightedQuarters()
    {
        // The quarters hold 86; the breach deducts 10: 76, nothing given back.
        var card = YearEnd(Scheme, FourQuarters, Entry("S1", "annual-breach"));

        Assert.Equal(-10m, Assert.Single(card.LinesOf(LineKind.LedgerDeduction)).Points);
        Assert.Empty(card.LinesOf(LineKind.BaseExhausted));
        Assert.Equal(76m, card.Total);
    }

    [Fact]
    public void YearEndDeduction_BeyondTheWeightedQuarters_StopsAtZero()
    {
        var quarters = new[] { "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4" }.Select(q => Quarter("S1", q, 15m));

        var card = YearEnd(Scheme, quarters, Entry("S1", "annual-breach", occurrences: 2));

        Assert.Equal(0m, card.Total);
        Assert.Equal(5m, Assert.Single(card.LinesOf(LineKind.BaseExhausted)).Points);
    }

    [Fact]
    public void WeightedScheme_CombinesRawQuarterScores_ThenAppliesTheCategoryWeight()
    {
        var scheme = Weighted(Category("case", 100, weight: 70), Category("conduct", 100, weight: 30));
        var quarters = new[] { ("2026-Q1", 100m, 80m), ("2026-Q2", 90m, 80m), ("2026-Q3", 100m, 80m), ("2026-Q4", 90m, 80m) }
            .Select(q => Quarter(scheme, "S1", q.Item1, ("case", q.Item2, q.Item2 * 0.7m), ("conduct", q.Item3, q.Item3 * 0.3m)));

        var card = YearEnd(scheme, quarters);

        // case raw 95 → 66.5; conduct raw 80 → 24.
        Assert.Equal(95m, card.RawOf("case"));
        Assert.Equal(66.5m, card.PointsOf("case"));
        Assert.Equal(24m, card.PointsOf("conduct"));
        Assert.Equal(90.5m, card.Total);
    }

    [Fact]
    public void YearEnd_IsGradedUnderTheQuotaLikeAQuarter()
    {
        var subjects = Subjects("S1", "S2", "S3", "S4", "S5");
        var quarters = subjects.Items.SelectMany(s => new[] { "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4" }
            .Select(q => Quarter(s.Id, q, 95m)));

        var cards = YearEndScorer.Score(Scheme, 2026, subjects, quarters, LedgerBook.Build(Scheme, subjects, []));

        // Five tied at 95 with a quota of one: none is Excellent and all are flagged.
        Assert.All(cards, c => Assert.Equal(Grade.Good, c.Grade));
        Assert.All(cards, c => Assert.True(c.QuotaTie));
    }

    [Fact]
    public void QuarterScoredUnderAnotherSchemeVersion_DoesNotCount_AndIsReportedMissing()
    {
        var older = FourQuarters[1] with { SchemeVersion = Scheme.Version + 1 };

        var card = YearEnd(Scheme, [FourQuarters[0], older, FourQuarters[2], FourQuarters[3]]);

        var missing = Assert.Single(card.Warnings, w => w.Code == WarningCode.QuarterMissing);
        Assert.Equal("2026-Q2", missing.Item);
        Assert.DoesNotContain(card.Lines, l => l.Item == "2026-Q2");
    }
}
