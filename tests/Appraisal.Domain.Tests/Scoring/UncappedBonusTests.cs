using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Validation;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;

namespace Appraisal.Domain.Tests.Scoring;

/// <summary>加分不封顶: a target's bonus said to be uncapped grows with every full unit beyond the target, and says so in
/// its explanation; a cap left out without saying so, or said beside a cap, is an error at its path.</summary>
public sealed class UncappedBonusTests
{
    private static Scheme Scheme() => TestSchemes.Department(TestSchemes.Category("business", 100));

    private static TargetIndicator CaseCount(decimal? cap, bool uncapped) => new()
    {
        Id = "case-count",
        Name = new LocalizedText("办案数", "Cases closed"),
        Category = "business",
        Metric = CaseMetric.CaseCount,
        Target = 100,
        Points = 40,
        BonusPerUnit = 0.5m,
        BonusCap = cap,
        BonusUncapped = uncapped,
    };

    [Theory]
    [InlineData(false, null, true, "$.targetIndicators[0].bonusCap")]
    [InlineData(true, null, false, null)]
    [InlineData(true, 5.0, true, "$.targetIndicators[0].bonusUncapped")]
    [InlineData(false, 5.0, false, null)]
    public void ACapOrUncapped_MustBeSaid_AndNotBoth(bool uncapped, double? cap, bool refused, string? path)
    {
        var scheme = Scheme() with { TargetIndicators = [CaseCount((decimal?)cap, uncapped)] };

        var errors = SchemeValidator.Validate(scheme).Where(i => i.Severity == IssueSeverity.Error).ToList();

        Assert.Equal(refused, errors.Any(e => e.Path == path));
        Assert.DoesNotContain(errors, e => e.Path.StartsWith("$.targetIndicators", StringComparison.Ordinal) && e.Path != path);
    }

    [Fact]
    public void UncappedWithoutABonusPerUnit_IsAnError()
    {
        var scheme = Scheme() with { TargetIndicators = [CaseCount(null, true) with { BonusPerUnit = 0 }] };

        Assert.Contains(SchemeValidator.Validate(scheme), e => e.Severity == IssueSeverity.Error && e.Path == "$.targetIndicators[0].bonusUncapped" && e.MessageZh.Contains("每单位加分", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(137, true, 18.5)]
    [InlineData(137, false, 5)]
    [InlineData(100, true, 0)]
    public void OneHundredThirtySevenCasesAgainstATargetOfOneHundred_EarnTheBonusOfThirtySevenUnits(int closed, bool uncapped, double bonus)
    {
        // Target 100 cases, 40 points when met, +0.5 per case above: 137 closed → 37 × 0.5 = 18.5 uncapped, 5 capped.
        var indicator = CaseCount(uncapped ? null : 5m, uncapped);
        var scheme = Scheme() with { TargetIndicators = [indicator] };

        var card = TestScoring.ScoreOne(scheme, t => t[0, 0] = new Appraisal.Domain.Cases.MetricValue(closed, closed));

        var bonuses = card.Lines.Where(l => l.Kind == LineKind.TargetBonus).ToList();
        Assert.Equal((decimal)bonus, bonuses.Sum(l => l.Points));
        if (bonuses is [var line])
        {
            Assert.Equal(uncapped ? LineOutcome.Above : LineOutcome.Capped, line.Outcome);
            var zh = ScorecardText.Line(line, scheme, Language.Zh);
            Assert.Equal(uncapped, zh.Contains("加分不封顶", StringComparison.Ordinal));
            Assert.Contains($"超目标 {closed - 100} 个单位 × 0.5 分", zh, StringComparison.Ordinal);
        }
    }
}
