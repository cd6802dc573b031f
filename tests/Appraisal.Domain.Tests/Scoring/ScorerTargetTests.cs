using Appraisal.Domain.Cases;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using static Appraisal.Domain.Tests.TestSchemes;
using static Appraisal.Domain.Tests.TestScoring;

namespace Appraisal.Domain.Tests.Scoring;

/// <summary>Target indicators: met keeps the points; each full unit above adds up to the bonus cap;
/// each unit or part of one below deducts up to the deduction cap.</summary>
public sealed class ScorerTargetTests
{
    /// <summary>biz 60 (closure rate: 20 points, target 95, +0.5 a unit up to 2, −1 a unit up to 20); other 40.</summary>
    private static readonly Scheme Closure = Department(Category("biz", 60), Category("other", 40)) with
    {
        TargetIndicators = [Target("closure", "biz", CaseMetric.ClosureRate, 95, 20, bonusPerUnit: 0.5m, bonusCap: 2m, deductionPerUnit: 1m, deductionCap: 20m)],
    };

    private static Scorecard ScoreClosure(decimal? value) => ScoreOne(Closure, t => t[0, 0] = new MetricValue(value, 40));

    [Fact]
    public void TargetMet_KeepsTheIndicatorsPoints_WithNoBonus()
    {
        var card = ScoreClosure(95m);

        var line = Assert.Single(card.LinesOf(LineKind.Target));
        Assert.Equal(LineOutcome.Met, line.Outcome);
        Assert.Equal(20m, line.Points);
        Assert.Empty(card.LinesOf(LineKind.TargetBonus));
        Assert.Equal(60m, card.PointsOf("biz"));
        Assert.Equal(100m, card.Total);
    }

    [Fact]
    public void UnallocatedBase_IsItsOwnLine()
    {
        var card = ScoreClosure(95m);

        var baseLine = Assert.Single(card.LinesOf(LineKind.Base), l => l.Category == "biz");
        Assert.Equal(40m, baseLine.Points);
        Assert.Equal(40m, Assert.Single(card.LinesOf(LineKind.Base), l => l.Category == "other").Points);
    }

    [Fact]
    public void AboveTarget_CountsFullUnitsOnly()
    {
        // 97.9 is 2.9 above: two full units, 2 × 0.5 = 1.
        var card = ScoreClosure(97.9m);

        Assert.Equal(LineOutcome.Above, Assert.Single(card.LinesOf(LineKind.Target)).Outcome);
        var bonus = Assert.Single(card.LinesOf(LineKind.TargetBonus));
        Assert.Equal(2, bonus.Units);
        Assert.Equal(1m, bonus.Points);
        Assert.Equal(LineOutcome.Above, bonus.Outcome);
        Assert.Equal(61m, card.PointsOf("biz"));
    }

    [Fact]
    public void AboveTarget_ByLessThanAUnit_EarnsNoBonus()
    {
        var card = ScoreClosure(95.99m);

        Assert.Equal(LineOutcome.Met, Assert.Single(card.LinesOf(LineKind.Target)).Outcome);
        Assert.Empty(card.LinesOf(LineKind.TargetBonus));
        Assert.Equal(100m, card.Total);
    }

    [Fact]
    public void AboveTarget_BonusStopsAtItsCap()
    {
        // 100 is 5 units above: 2.5, capped at 2.
        var card = ScoreClosure(100m);

        var bonus = Assert.Single(card.LinesOf(LineKind.TargetBonus));
        Assert.Equal(LineOutcome.Capped, bonus.Outcome);
        Assert.Equal(2m, bonus.Points);
        Assert.Equal(5, bonus.Units);
        Assert.Equal(102m, card.Total);
    }

    [Fact]
    public void BelowTarget_APartialUnitCountsAsOne()
    {
        // 93.5 is 1.5 below: two units, −2.
        var card = ScoreClosure(93.5m);

        var target = Assert.Single(card.LinesOf(LineKind.Target));
        Assert.Equal(LineOutcome.Below, target.Outcome);
        Assert.Equal(20m, target.Points);
        var deduction = Assert.Single(card.LinesOf(LineKind.TargetDeduction));
        Assert.Equal(2, deduction.Units);
        Assert.Equal(-2m, deduction.Points);
        Assert.Equal(58m, card.PointsOf("biz"));
        Assert.Equal(98m, card.Total);
    }

    [Fact]
    public void BelowTarget_ByAHundredth_DeductsOneUnit()
    {
        var card = ScoreClosure(94.99m);

        Assert.Equal(-1m, Assert.Single(card.LinesOf(LineKind.TargetDeduction)).Points);
        Assert.Equal(99m, card.Total);
    }

    [Fact]
    public void BelowTarget_DeductionStopsAtItsCap()
    {
        // 60 is 35 units below: −35, capped at −20.
        var card = ScoreClosure(60m);

        var deduction = Assert.Single(card.LinesOf(LineKind.TargetDeduction));
        Assert.Equal(LineOutcome.Capped, deduction.Outcome);
        Assert.Equal(-20m, deduction.Points);
        Assert.Equal(40m, card.PointsOf("biz"));
        Assert.Empty(card.LinesOf(LineKind.BaseExhausted));
    }

    [Fact]
    public void LowerIsBetter_ForOverdueRate_AboveTheTargetDeducts()
    {
        var scheme = Department(Category("biz", 100)) with
        {
            TargetIndicators = [Target("overdue", "biz", CaseMetric.OverdueRate, 2, 15, deductionPerUnit: 2m, deductionCap: 15m)],
        };

        // 4.5% against a target of 2%: 2.5 units short, three units, −6.
        var card = ScoreOne(scheme, t => t[0, 0] = new MetricValue(4.5m, 40));

        Assert.Equal(-6m, Assert.Single(card.LinesOf(LineKind.TargetDeduction)).Points);
        Assert.Equal(94m, card.Total);
    }

    [Fact]
    public void LowerIsBetter_ForHandlingDays_BelowTheTargetEarnsTheBonus()
    {
        var scheme = Department(Category("biz", 100)) with
        {
            TargetIndicators = [Target("days", "biz", CaseMetric.AverageHandlingDays, 30, 10, bonusPerUnit: 0.2m, bonusCap: 2m, deductionPerUnit: 0.5m, deductionCap: 10m)],
        };

        // 26.5 days against 30: 3.5 better, three full units, +0.6.
        var card = ScoreOne(scheme, t => t[0, 0] = new MetricValue(26.5m, 12));

        Assert.Equal(0.6m, Assert.Single(card.LinesOf(LineKind.TargetBonus)).Points);
        Assert.Equal(100.6m, card.Total);
    }

    [Fact]
    public void ExplicitBetter_OverridesTheMetricsDefault()
    {
        var scheme = Department(Category("biz", 100)) with
        {
            TargetIndicators = [Target("days", "biz", CaseMetric.AverageHandlingDays, 30, 10, deductionPerUnit: 1m, deductionCap: 10m) with { Better = Better.Higher }],
        };

        var card = ScoreOne(scheme, t => t[0, 0] = new MetricValue(27m, 12));

        Assert.Equal(-3m, Assert.Single(card.LinesOf(LineKind.TargetDeduction)).Points);
    }

    [Fact]
    public void UnitsLargerThanOne_CountFullUnitsOfThatSize()
    {
        var scheme = Department(Category("biz", 100)) with
        {
            TargetIndicators = [Target("count", "biz", CaseMetric.CaseCount, 10, 30, bonusPerUnit: 1m, bonusCap: 10m, deductionPerUnit: 3m, deductionCap: 30m, unit: 5m)],
        };

        // 22 cases: 12 above, two full units of 5 → +2. 4 cases: 6 short, two units (one partial) → −6.
        var cards = Score(scheme, Subjects("S1", "S2"), t =>
        {
            t[0, 0] = new MetricValue(22m, 22);
            t[1, 0] = new MetricValue(4m, 4);
        });

        Assert.Equal(102m, cards[0].Total);
        Assert.Equal(94m, cards[1].Total);
    }

    [Fact]
    public void NoCaseData_ThePointsStand_WithAWarning()
    {
        var card = ScoreClosure(null);

        var line = Assert.Single(card.LinesOf(LineKind.Target));
        Assert.Equal(LineOutcome.NoData, line.Outcome);
        Assert.Equal(20m, line.Points);
        Assert.Equal(100m, card.Total);
        var warning = Assert.Single(card.Warnings);
        Assert.Equal(WarningCode.NoCaseData, warning.Code);
        Assert.Equal("closure", warning.Item);
    }

    [Fact]
    public void TargetLine_RecordsTheInputValueAndItsBasis()
    {
        var line = Assert.Single(ScoreClosure(93.5m).LinesOf(LineKind.Target));

        Assert.Equal(93.5m, line.Input);
        Assert.Equal(40, line.Basis);
        Assert.Equal("closure", line.Item);
    }
}
