using Appraisal.Domain.Cases;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using static Appraisal.Domain.Tests.TestSchemes;
using static Appraisal.Domain.Tests.TestScoring;

namespace Appraisal.Domain.Tests.Scoring;

/// <summary>Category totals: deductions stop at the category's base (减分直至减完基础分为止) and never reach
/// another category; bonuses are not capped (加分不封顶); weighted schemes count raw × weight / 100.</summary>
public sealed class ScorerCategoryTests
{
    /// <summary>a 60 (innovation +5, cap 10); b 40 (violation −15, no cap; highlight +3, cap 6).</summary>
    private static readonly Scheme TwoCategories = Department(Category("a", 60), Category("b", 40)) with
    {
        LedgerItems =
        [
            Bonus("innovation", "a", 5m, cap: 10m),
            Deduction("violation", "b", 15m),
            Bonus("highlight", "b", 3m, cap: 6m),
        ],
    };

    [Fact]
    public void Deductions_BeyondBase_StopAtZero_AndDoNotSpillIntoOtherCategory()
    {
        // b holds 40; four violations deduct 60: 20 is given back, b is 0 and a keeps its 60.
        var card = ScoreOne(TwoCategories, ledger: [Entry("S1", "violation", occurrences: 4)]);

        Assert.Equal(0m, card.PointsOf("b"));
        Assert.Equal(60m, card.PointsOf("a"));
        Assert.Equal(60m, card.Total);
        var exhausted = Assert.Single(card.LinesOf(LineKind.BaseExhausted));
        Assert.Equal("b", exhausted.Category);
        Assert.Equal(20m, exhausted.Points);
        var warning = Assert.Single(card.Warnings);
        Assert.Equal(WarningCode.BaseExhausted, warning.Code);
        Assert.Equal("b", warning.Item);
        Assert.Equal(60m, warning.Value);
        Assert.Equal(40m, warning.Threshold);
    }

    [Fact]
    public void Deductions_ExactlyTheBase_LeaveZero_WithoutGivingAnythingBack()
    {
        var scheme = TwoCategories with { LedgerItems = [Deduction("violation", "b", 10m)] };

        var card = ScoreOne(scheme, ledger: [Entry("S1", "violation", occurrences: 4)]);

        Assert.Equal(0m, card.PointsOf("b"));
        Assert.Empty(card.LinesOf(LineKind.BaseExhausted));
        Assert.Empty(card.Warnings);
    }

    [Fact]
    public void Deductions_BeyondBase_BonusesInTheSameCategoryStillCount()
    {
        // b: 40 − 60 stops at 0, then the +3 highlight stands: 3.
        var card = ScoreOne(TwoCategories, ledger:
        [
            Entry("S1", "violation", occurrences: 4),
            Entry("S1", "highlight"),
        ]);

        Assert.Equal(3m, card.PointsOf("b"));
        Assert.Equal(63m, card.Total);
        Assert.Equal(20m, Assert.Single(card.LinesOf(LineKind.BaseExhausted)).Points);
    }

    [Fact]
    public void Bonuses_AreNotCappedAt100_TheTotalMayExceedIt()
    {
        var card = ScoreOne(TwoCategories, ledger:
        [
            Entry("S1", "innovation", occurrences: 2),
            Entry("S1", "highlight", occurrences: 2),
        ]);

        Assert.Equal(70m, card.PointsOf("a"));
        Assert.Equal(46m, card.PointsOf("b"));
        Assert.Equal(116m, card.Total);
    }

    [Fact]
    public void TargetDeductionBeyondItsIndicator_EatsIntoTheRestOfTheCategory_ButStopsAtZero()
    {
        // q 20: defects 10 points (−4 a case, cap 40) + review 10 rated at 100. Six defects: −24 > 20 held.
        var scheme = Department(Category("q", 20), Category("rest", 80)) with
        {
            TargetIndicators = [Target("defects", "q", CaseMetric.FlaggedCount, 0, 10, deductionPerUnit: 4m, deductionCap: 40m, filter: new CaseFilter { Flags = ["defective"] })],
            RatedIndicators = [Rated("review", "q", 10, false, ("case-management", 100))],
        };

        var cards = Score(scheme, Subjects("S1", "S2"), t =>
            {
                t[0, 0] = new MetricValue(6m, 20);
                t[1, 0] = new MetricValue(4m, 20);
            },
            ratings: [Rating("S1", "review", "case-management", "r1", 100), Rating("S2", "review", "case-management", "r1", 100)]);

        Assert.Equal(0m, cards[0].PointsOf("q"));
        Assert.Equal(80m, cards[0].Total);
        Assert.Equal(4m, cards[1].PointsOf("q"));
        Assert.Empty(cards[1].LinesOf(LineKind.BaseExhausted));
    }

    [Fact]
    public void CategoryWithoutIndicators_StartsAtItsBase()
    {
        var card = ScoreOne(TwoCategories);

        Assert.Equal([60m, 40m], card.Categories.Select(c => c.Points));
        Assert.Equal(2, card.LinesOf(LineKind.Base).Count);
        Assert.Equal(100m, card.Total);
    }

    [Fact]
    public void Scorecard_CarriesTheSchemeVersionAndPeriod()
    {
        var card = ScoreOne(TwoCategories with { Version = 3 });

        Assert.Equal("test-department", card.SchemeId);
        Assert.Equal(3, card.SchemeVersion);
        Assert.Equal("2026-Q1", card.Period);
    }

    /// <summary>Template B style: case 70% (count target 12, 30 points, +1 a case up to 10, −2.5 a case); conduct 30% (violation −10).</summary>
    private static readonly Scheme WeightedScheme = Weighted(Category("case", 100, weight: 70), Category("conduct", 100, weight: 30)) with
    {
        TargetIndicators = [Target("count", "case", CaseMetric.CaseCount, 12, 30, bonusPerUnit: 1m, bonusCap: 10m, deductionPerUnit: 2.5m, deductionCap: 30m)],
        LedgerItems = [Deduction("violation", "conduct", 10m), Deduction("gross", "conduct", 60m)],
    };

    [Fact]
    public void WeightedMode_EachLineCountsRawTimesWeightOver100()
    {
        // case raw 70 + 30 + 3 = 103 → 72.1; conduct raw 100 − 10 = 90 → 27.
        var card = ScoreOne(WeightedScheme, t => t[0, 0] = new MetricValue(15m, 15), ledger: [Entry("S1", "violation")]);

        Assert.Equal(103m, card.RawOf("case"));
        Assert.Equal(72.1m, card.PointsOf("case"));
        Assert.Equal(90m, card.RawOf("conduct"));
        Assert.Equal(27m, card.PointsOf("conduct"));
        Assert.Equal(99.1m, card.Total);
        var bonus = Assert.Single(card.LinesOf(LineKind.TargetBonus));
        Assert.Equal(3m, bonus.Raw);
        Assert.Equal(2.1m, bonus.Points);
    }

    [Fact]
    public void WeightedMode_BelowTarget_DeductsWeightedPoints()
    {
        // 9 cases: 3 short → raw −7.5 → −5.25 points. case 70 − 5.25 = 64.75, conduct 30.
        var card = ScoreOne(WeightedScheme, t => t[0, 0] = new MetricValue(9m, 9));

        Assert.Equal(-5.25m, Assert.Single(card.LinesOf(LineKind.TargetDeduction)).Points);
        Assert.Equal(92.5m, card.RawOf("case"));
        Assert.Equal(94.75m, card.Total);
    }

    [Fact]
    public void WeightedMode_DeductionsBeyondTheRawBase_StopAtZero()
    {
        // conduct: 100 − 2 × 60 = −20 → 0; case stays 70.
        var card = ScoreOne(WeightedScheme, t => t[0, 0] = new MetricValue(12m, 12), ledger: [Entry("S1", "gross", occurrences: 2)]);

        Assert.Equal(0m, card.RawOf("conduct"));
        Assert.Equal(0m, card.PointsOf("conduct"));
        Assert.Equal(70m, card.Total);
    }
}
