using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Appraisal.Domain.Cases;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Schemes.Validation;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Tests.Schemes;
using Appraisal.Domain.Text;
using static Appraisal.Domain.Tests.TestSchemes;
using static Appraisal.Domain.Tests.TestScoring;

namespace Appraisal.Domain.Tests.Scoring;

/// <summary>The scheme's decimals of scores: each line's raw and weighted points rounded half away from zero (四舍五入)
/// to them once, when the line is made; category scores and totals are exact sums of the lines.</summary>
public sealed class ScorePrecisionTests
{
    /// <summary>A rated indicator of 7 points (its category's whole base) beside a base of 93; one rater group.</summary>
    private static Scheme RatedSeven(int decimals) => Department(Category("eval", 7), Category("rest", 93)) with
    {
        Decimals = decimals,
        RatedIndicators = [Rated("team", "eval", 7, false, ("staff", 100m))],
    };

    /// <summary>Three ratings whose mean is 250 / 3 = 83.3333….</summary>
    private static readonly Rating[] ThirdsRatings =
        [Rating("S1", "team", "staff", "r1", 80), Rating("S1", "team", "staff", "r2", 85), Rating("S1", "team", "staff", "r3", 85)];

    [Theory]
    // The mean is rounded to the decimals (two at least: it is a rating), then the line: 7 × rating / 100 to the decimals.
    [InlineData(0, "83.33", "6", "99")] // 83.33 → 5.8331 → 6
    [InlineData(2, "83.33", "5.83", "98.83")] // 83.33 → 5.8331 → 5.83
    [InlineData(3, "83.333", "5.833", "98.833")] // 83.333 → 5.83331 → 5.833
    [InlineData(4, "83.3333", "5.8333", "98.8333")] // 83.3333 → 5.833331 → 5.8333
    public void RatedLine_RatingAndPointsRoundToTheSchemesDecimals(int decimals, string rating, string points, string total)
    {
        var card = ScoreOne(RatedSeven(decimals), ratings: ThirdsRatings);

        var line = Assert.Single(card.LinesOf(LineKind.Rated));
        Assert.Equal(decimal.Parse(rating, CultureInfo.InvariantCulture), line.Input);
        Assert.Equal(decimal.Parse(points, CultureInfo.InvariantCulture), line.Points);
        Assert.Equal(decimal.Parse(total, CultureInfo.InvariantCulture), card.Total);
        Assert.Equal(decimals, card.Decimals);
    }

    [Fact]
    public void DefaultDecimals_AreTwo()
    {
        var scheme = Department(Category("a", 100));

        Assert.Equal(2, scheme.Decimals);
        Assert.Equal(2, ScoreOne(scheme).Decimals);
    }

    /// <summary>Weighted: case 35 % (base 100, bonus 0.07 an entry), conduct 65 % (base 100).</summary>
    private static Scheme WeightedBonus(int decimals) =>
        Weighted(Category("case", 100, weight: 35), Category("conduct", 100, weight: 65)) with
        {
            Decimals = decimals,
            LedgerItems = [Bonus("b", "case", 0.07m)],
        };

    private static readonly LedgerEntry[] ThreeEntries = [Entry("S1", "b", evidence: "台帐-1"), Entry("S1", "b", evidence: "台帐-2"), Entry("S1", "b", evidence: "台帐-3")];

    [Theory]
    // Each entry's line: raw 0.07 × 0.35 = 0.0245, rounded per line; the category is the sum of the rounded lines.
    // Rounding the category once instead would give 100.21 × 0.35 = 35.0735 → 35.07 (2), 35.074 (3), 35 (0).
    [InlineData(0, "0", "35", "100")] // raw 0.07 → 0
    [InlineData(2, "0.02", "35.06", "100.06")] // 0.0245 → 0.02, × 3 = 0.06
    [InlineData(3, "0.025", "35.075", "100.075")] // 0.0245 → 0.025 (half away from zero), × 3 = 0.075
    [InlineData(4, "0.0245", "35.0735", "100.0735")]
    public void Weighted_EachLineIsRoundedOnce_AndTheTotalIsTheExactSumOfTheLines(int decimals, string perLine, string category, string total)
    {
        var card = ScoreOne(WeightedBonus(decimals), ledger: ThreeEntries);

        var bonuses = card.LinesOf(LineKind.LedgerBonus);
        Assert.Equal(3, bonuses.Count);
        Assert.All(bonuses, l => Assert.Equal(decimal.Parse(perLine, CultureInfo.InvariantCulture), l.Points));
        Assert.Equal(decimal.Parse(category, CultureInfo.InvariantCulture), card.PointsOf("case"));
        Assert.Equal(decimal.Parse(total, CultureInfo.InvariantCulture), card.Total);
        Assert.Equal(card.Lines.Sum(l => l.Points), card.Total);
        Assert.Equal(card.Categories.Sum(c => c.Points), card.Total);
    }

    [Fact]
    public void Weighted_TwoDecimals_PerLineDiffersFromRoundingTheCategory()
    {
        var card = ScoreOne(WeightedBonus(2), ledger: ThreeEntries);

        // The raw category is exact too: 100 + 3 × 0.07.
        Assert.Equal(100.21m, card.RawOf("case"));
        Assert.NotEqual(Math.Round(card.RawOf("case") * 0.35m, 2, MidpointRounding.AwayFromZero), card.PointsOf("case"));
        Assert.Equal(35.06m, card.PointsOf("case"));
    }

    [Theory]
    [InlineData(0, "0")] // 0.125 → 0
    [InlineData(2, "0.13")] // 0.125 → 0.13, half away from zero
    [InlineData(3, "0.125")]
    [InlineData(4, "0.125")]
    public void LedgerPoints_RoundToTheSchemesDecimals(int decimals, string points)
    {
        var scheme = Department(Category("a", 90)) with { Decimals = decimals, LedgerItems = [Bonus("b", "a", 0.125m)] };

        var card = ScoreOne(scheme, ledger: [Entry("S1", "b")]);

        Assert.Equal(decimal.Parse(points, CultureInfo.InvariantCulture), Assert.Single(card.LinesOf(LineKind.LedgerBonus)).Points);
    }

    [Fact]
    public void LedgerCapFinerThanTheDecimals_IsNeverPassed()
    {
        // Whole points, cap 1.5: the first entry takes 1; what is left (0.5) rounds toward zero to 0, not up to 1.
        var scheme = Department(Category("a", 90)) with { Decimals = 0, LedgerItems = [Bonus("b", "a", 1m, cap: 1.5m)] };

        var card = ScoreOne(scheme, ledger: [Entry("S1", "b", evidence: "台帐-1"), Entry("S1", "b", evidence: "台帐-2")]);

        var lines = card.LinesOf(LineKind.LedgerBonus);
        Assert.Equal([1m, 0m], lines.Select(l => l.Points));
        Assert.Equal(LineOutcome.Capped, lines[1].Outcome);
        Assert.Equal(91m, card.Total);
    }

    [Fact]
    public void TargetCapsFinerThanTheDecimals_AreNeverPassed()
    {
        // Whole points: 5 cases beyond the target at 1 a case, bonus cap 2.5 → 2 (not 3); 5 short at 1, cap 3.5 → −3.
        var scheme = Department(Category("a", 100)) with
        {
            Decimals = 0,
            TargetIndicators = [Target("count", "a", CaseMetric.CaseCount, 10, 40, bonusPerUnit: 1m, bonusCap: 2.5m, deductionPerUnit: 1m, deductionCap: 3.5m)],
        };

        var above = ScoreOne(scheme, t => t[0, 0] = new MetricValue(15m, 15));
        var below = ScoreOne(scheme, t => t[0, 0] = new MetricValue(5m, 5));

        Assert.Equal((LineOutcome.Capped, 2m), Assert.Single(above.LinesOf(LineKind.TargetBonus)) is var b ? (b.Outcome, b.Points) : default);
        Assert.Equal((LineOutcome.Capped, -3m), Assert.Single(below.LinesOf(LineKind.TargetDeduction)) is var d ? (d.Outcome, d.Points) : default);
        Assert.Equal(102m, above.Total);
        Assert.Equal(97m, below.Total);

        // A bonus equal to the cap that rounds past it: 0.5 a case, 5 beyond → 2.5, held as 3 were it not capped; capped
        // to 2 like 6 beyond (3.0), so more cases never score less. The same for a deduction of 2.5 against a cap of 2.5.
        var half = scheme with
        {
            TargetIndicators = [Target("count", "a", CaseMetric.CaseCount, 10, 40, bonusPerUnit: 0.5m, bonusCap: 2.5m, deductionPerUnit: 0.5m, deductionCap: 2.5m)],
        };
        var five = Assert.Single(ScoreOne(half, t => t[0, 0] = new MetricValue(15m, 15)).LinesOf(LineKind.TargetBonus));
        var six = Assert.Single(ScoreOne(half, t => t[0, 0] = new MetricValue(16m, 16)).LinesOf(LineKind.TargetBonus));
        var short5 = Assert.Single(ScoreOne(half, t => t[0, 0] = new MetricValue(5m, 5)).LinesOf(LineKind.TargetDeduction));
        Assert.Equal([(LineOutcome.Capped, 2m), (LineOutcome.Capped, 2m)], new[] { (five.Outcome, five.Points), (six.Outcome, six.Points) });
        Assert.Equal((LineOutcome.Capped, -2m), (short5.Outcome, short5.Points));

        // Below the cap, rounding is the line's own: 0.5 a case, 3 beyond → 1.5 → 2 (half away from zero), not capped.
        var three = Assert.Single(ScoreOne(half, t => t[0, 0] = new MetricValue(13m, 13)).LinesOf(LineKind.TargetBonus));
        Assert.Equal((LineOutcome.Above, 2m), (three.Outcome, three.Points));
    }

    [Fact]
    public void TargetBonus_FourDecimals_KeepsQuarterPoints()
    {
        // 3 cases beyond a count target of 10, 0.1234 a case: 0.3702 (2 decimals would give 0.37).
        var scheme = Department(Category("a", 100)) with
        {
            Decimals = 4,
            TargetIndicators = [Target("count", "a", CaseMetric.CaseCount, 10, 40, bonusPerUnit: 0.1234m, bonusCap: 5m)],
        };

        var card = ScoreOne(scheme, t => t[0, 0] = new MetricValue(13m, 13));

        Assert.Equal(0.3702m, Assert.Single(card.LinesOf(LineKind.TargetBonus)).Points);
        Assert.Equal(100.3702m, card.Total);
    }

    [Fact]
    public void BaseExhausted_GivesBackTheExactSumOfRoundedLines()
    {
        // Weighted 35 %, base 100 (35 points) and 3 deductions of 40.0001 raw: each −40.0001 × 0.35 = −14.000035 → −14.0000
        // at 4 decimals. −42 against 35 held: 7 points given back, and raw 120.0003 − 100 = 20.0003 — sums, not rounded again.
        var scheme = Weighted(Category("case", 100, weight: 35), Category("conduct", 100, weight: 65)) with
        {
            Decimals = 4,
            LedgerItems = [Deduction("d", "case", 40.0001m)],
        };

        var card = ScoreOne(scheme, ledger: [Entry("S1", "d", evidence: "1"), Entry("S1", "d", evidence: "2"), Entry("S1", "d", evidence: "3")]);

        Assert.All(card.LinesOf(LineKind.LedgerDeduction), l => Assert.Equal(-14m, l.Points));
        var back = Assert.Single(card.LinesOf(LineKind.BaseExhausted));
        Assert.Equal(20.0003m, back.Raw);
        Assert.Equal(7m, back.Points);
        Assert.Equal(0m, card.PointsOf("case"));
        Assert.Equal(0m, card.RawOf("case"));
        Assert.Equal(65m, card.Total);
    }

    [Fact]
    public void YearEnd_QuarterLinesRoundToTheSchemesDecimals()
    {
        // Quarters 98.8333 each (eval 5.8333, rest 93; 4 decimals) weighted 25 %: eval 5.8333 × 0.25 = 1.458325 → 1.4583 a
        // line, rest 23.25; the year 4 × 24.7083 = 98.8332 — the sum of the rounded lines, not the 98.8333 of rounding once.
        var scheme = RatedSeven(4);
        var quarters = Enumerable.Range(1, 4).Select(q => TestScoring.Score(scheme, Subjects("S1"), ratings: ThirdsRatings, period: Period.Quarter(2026, q)).Single()).ToList();

        var year = Assert.Single(YearEndScorer.Score(scheme, 2026, Subjects("S1"), quarters, LedgerBook.Build(scheme, Subjects("S1"), [])));

        Assert.All(year.LinesOf(LineKind.Quarter).Where(l => l.Category == "rest"), l => Assert.Equal(23.25m, l.Points));
        Assert.All(year.LinesOf(LineKind.Quarter).Where(l => l.Category == "eval"), l => Assert.Equal(1.4583m, l.Points));
        Assert.Equal(98.8332m, year.Total);
        Assert.Equal(4, year.Decimals);
    }

    [Theory]
    [InlineData(0, "总分 99（", "+6")]
    [InlineData(2, "总分 98.83（", "+5.83")]
    [InlineData(4, "总分 98.8333（", "+5.8333")]
    public void Explanation_ShowsScoresWithTheScorecardsDecimals(int decimals, string total, string line)
    {
        var scheme = RatedSeven(decimals);
        var card = ScoreOne(scheme, ratings: ThirdsRatings);

        var text = ScorecardText.Explain(card, scheme, Language.Zh);

        Assert.Contains(total, text, StringComparison.Ordinal);
        Assert.Contains(line + "  ", text, StringComparison.Ordinal);
        Assert.Contains("加权评分 " + ScorecardText.N(card.LinesOf(LineKind.Rated)[0].Input!.Value), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scorecard_WithFourDecimals_RoundTripsThroughJson()
    {
        var card = ScoreOne(RatedSeven(4), ratings: ThirdsRatings);

        var json = JsonSerializer.Serialize(card, DomainJson.Compact);
        var back = JsonSerializer.Deserialize<Scorecard>(json, DomainJson.Compact)!;

        Assert.Contains("\"decimals\":4", json, StringComparison.Ordinal);
        Assert.Equal(4, back.Decimals);
        Assert.Equal(98.8333m, back.Total);
        Assert.Equal(card.Lines, back.Lines);
        Assert.Equal(83.3333m, back.LinesOf(LineKind.Rated)[0].Input);
    }

    [Fact]
    public void ScorecardStoredBeforeDecimals_ReadsBackWithTheSameFiguresAndTwoDecimals()
    {
        // A scorecard as stored before schemes had decimals: hundredths, no "decimals".
        var card = ScoreOne(RatedSeven(2), ratings: ThirdsRatings);
        var node = JsonNode.Parse(JsonSerializer.Serialize(card, DomainJson.Compact))!.AsObject();
        node.Remove("decimals");

        var back = JsonSerializer.Deserialize<Scorecard>(node.ToJsonString(), DomainJson.Compact)!;

        Assert.Equal(2, back.Decimals);
        Assert.Equal(98.83m, back.Total);
        Assert.Equal(card.Lines, back.Lines);
        Assert.Equal([5.83m, 93m], back.Lines.Select(l => l.Points).OrderBy(p => p));
    }

    [Theory]
    [InlineData("5", "应不大于 4，实际为 5")]
    [InlineData("-1", "应不小于 0，实际为 -1")]
    [InlineData("2.5", "应为 integer，实际为 number")]
    [InlineData("\"two\"", "应为 integer，实际为 string")]
    public void Decimals_OutOfRangeOrNotAWholeNumber_IsAnErrorAtItsPath(string value, string messageZh)
    {
        var result = SchemeJson.Read(j => j["decimals"] = JsonNode.Parse(value));

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal("$.decimals", error.Path);
        Assert.Equal(messageZh, error.MessageZh);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Decimals_FromZeroToFour_AreValid(int decimals)
    {
        var result = SchemeJson.Read(j => j["decimals"] = decimals);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(decimals, result.Scheme!.Decimals);
    }

    [Fact]
    public void Decimals_OutOfRangeInCode_IsAnErrorAtItsPath()
    {
        var issues = SchemeValidator.Validate(Department(Category("a", 100)) with { Decimals = 5 });

        var error = Assert.Single(issues, i => i.Severity == IssueSeverity.Error);
        Assert.Equal("$.decimals", error.Path);
        Assert.Contains("0 to 4", error.Message, StringComparison.Ordinal);
    }
}
