using System.Text.Json;
using Appraisal.Domain.Cases;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;
using static Appraisal.Domain.Tests.TestSchemes;
using static Appraisal.Domain.Tests.TestScoring;

namespace Appraisal.Domain.Tests.Scoring;

/// <summary>Relative targets computed by hand: average handling days at most 85% of the subject's own previous quarter,
/// the absolute target (45 days) the fallback with a warning where there is no reference value; the line names the
/// target that applied and why; the fields are validated at their paths.</summary>
public sealed class RelativeTargetTests
{
    private static readonly Period Q1 = Period.Quarter(2026, 1);
    private static readonly Period Q2 = Period.Quarter(2026, 2);

    private static TargetIndicator Days(ReferencePeriod period = ReferencePeriod.PreviousQuarter, decimal percent = 85m) => new()
    {
        Id = "days",
        Name = new LocalizedText("平均办理天数", "Average handling days"),
        Category = "work",
        Metric = CaseMetric.AverageHandlingDays,
        Target = 45m,
        RelativeTo = new RelativeTarget { Period = period, Percent = percent },
        Points = 20m,
        BonusPerUnit = 0.5m,
        BonusCap = 2m,
        DeductionPerUnit = 1m,
        DeductionCap = 5m,
    };

    private static Scheme Scheme(TargetIndicator indicator) => Person(Category("work", 100)) with { TargetIndicators = [indicator] };

    /// <summary>2026-Q1: S1 two cases of 40 days (average 40), S2 of 30 and 31 days (30.5), S3 none.
    /// 2026-Q2: S1 one case of 32 days, S2 of 28, S3 of 40.</summary>
    private static CaseLog Log()
    {
        var log = new CaseLog();
        var n = 0;
        void Add(string handler, DateOnly accepted, int days) => log.Add(new CaseRecord
        {
            CaseId = $"C{++n:D3}",
            HandlerId = handler,
            DepartmentId = "D1",
            CaseType = "审查起诉",
            Accepted = accepted,
            Closed = accepted.AddDays(days),
            TimeLimit = accepted.AddDays(90),
        });
        Add("S1", new DateOnly(2026, 1, 5), 40);
        Add("S1", new DateOnly(2026, 1, 10), 40);
        Add("S2", new DateOnly(2026, 1, 1), 30);
        Add("S2", new DateOnly(2026, 1, 1), 31);
        Add("S1", new DateOnly(2026, 4, 1), 32);
        Add("S2", new DateOnly(2026, 4, 1), 28);
        Add("S3", new DateOnly(2026, 4, 1), 40);
        return log;
    }

    private static IReadOnlyList<Scorecard> ScoreQ2(Scheme scheme, bool withReference = true, Period? period = null)
    {
        var p = period ?? Q2;
        var log = Log();
        return Scorer.Score(ScoringInput.Prepare(scheme, p, Subjects("S1", "S2", "S3"), log, Array.Empty<Rating>(), [],
            withReference ? ReferenceValues.PeriodsOf(scheme, p).ToDictionary(r => r, _ => log) : null));
    }

    [Fact]
    public void BelowEightyFivePercentOfThePreviousQuarter_IsMet_AndTheLineNamesTheReference()
    {
        // S1: 2026-Q1 average 40 days × 85% = 34; 32 ≤ 34 with 2 days to spare: 2 × 0.5 = +1. 80 base + 20 + 1 = 101.
        var scheme = Scheme(Days());
        var card = ScoreQ2(scheme)[0];

        var line = Assert.Single(card.LinesOf(LineKind.Target));
        Assert.Equal((LineOutcome.Above, 32m, 20m), (line.Outcome, line.Input, line.Points));
        Assert.Equal(new LineReference("2026-Q1", 34m, 40m), line.Reference);
        Assert.Equal(1m, Assert.Single(card.LinesOf(LineKind.TargetBonus)).Points);
        Assert.Equal(101m, card.Total);
        Assert.Empty(card.Warnings);
        Assert.Equal("平均办理天数 32d，达到目标 ≤ 34d（1 件）：指标分 20（相对目标：上一季度 2026-Q1 的 40d × 85%）",
            ScorecardText.Line(line, scheme, Language.Zh));
        Assert.Equal("Average handling days 32d, meets target ≤ 34d (1 case(s)): indicator points 20 (relative target: 85% of the previous quarter 2026-Q1 value 40d)",
            ScorecardText.Line(line, scheme, Language.En));
    }

    [Fact]
    public void TheEffectiveTarget_IsRoundedOnce_ToTwoDecimals_AndAPartOfAUnitShortCountsAsOne()
    {
        // S2: 30.5 × 85% = 25.925 → 25.93; 28 is 2.07 days over: 3 units × 1 = −3. 80 + 20 − 3 = 97.
        var scheme = Scheme(Days());
        var card = ScoreQ2(scheme)[1];

        var line = Assert.Single(card.LinesOf(LineKind.Target));
        Assert.Equal((LineOutcome.Below, 3, 25.93m), (line.Outcome, line.Units, line.Reference!.Target));
        Assert.Equal(-3m, Assert.Single(card.LinesOf(LineKind.TargetDeduction)).Points);
        Assert.Equal(97m, card.Total);
        Assert.Equal("平均办理天数 28d，未达目标 ≤ 25.93d（差 3 个单位，1 件）：指标分 20（相对目标：上一季度 2026-Q1 的 30.5d × 85%）",
            ScorecardText.Line(line, scheme, Language.Zh));
    }

    [Fact]
    public void WithoutCasesInTheReferenceQuarter_TheFallbackTargetApplies_WithAWarning()
    {
        // S3 closed nothing in 2026-Q1: the fallback 45 days; 40 is 5 under: 5 × 0.5 = 2.5, capped at 2. 80 + 20 + 2 = 102.
        var scheme = Scheme(Days());
        var card = ScoreQ2(scheme)[2];

        var line = Assert.Single(card.LinesOf(LineKind.Target));
        Assert.Equal(new LineReference("2026-Q1", 45m), line.Reference);
        Assert.Equal(102m, card.Total);
        var warning = Assert.Single(card.Warnings);
        Assert.Equal((WarningCode.NoReferenceValue, "days", 45m), (warning.Code, warning.Item, warning.Threshold));
        Assert.Equal("平均办理天数 40d，达到目标 ≤ 45d（1 件）：指标分 20（相对目标无参照值：上一季度 2026-Q1 无可计量案件，按保底目标）",
            ScorecardText.Line(line, scheme, Language.Zh));
        Assert.Equal("平均办理天数：上一季度无参照值，按保底目标 45d 计", ScorecardText.Warning(warning, scheme, Language.Zh));
        Assert.Equal("Average handling days: no reference value in the previous quarter; the fallback target 45d applied", ScorecardText.Warning(warning, scheme, Language.En));
    }

    [Fact]
    public void TheSameQuarterLastYear_WithNoRecordsThen_FallsBackForEveryone()
    {
        // The reference of 2026-Q2 is 2025-Q2, before the records: S1's 32 against the fallback 45 (+2 capped).
        var scheme = Scheme(Days(ReferencePeriod.SameQuarterLastYear));

        var cards = ScoreQ2(scheme);

        Assert.Equal([Period.Quarter(2025, 2)], ReferenceValues.PeriodsOf(scheme, Q2));
        Assert.All(cards, c => Assert.Equal(45m, Assert.Single(c.LinesOf(LineKind.Target)).Reference!.Target));
        Assert.All(cards, c => Assert.Contains(WarningCode.NoReferenceValue, c.WarningCodes()));
        Assert.Equal(102m, cards[0].Total);
    }

    [Fact]
    public void ReferenceRecordsNotRead_AreNoReference_NeverAZero()
    {
        var cards = ScoreQ2(Scheme(Days()), withReference: false);

        Assert.All(cards, c => Assert.Equal(45m, Assert.Single(c.LinesOf(LineKind.Target)).Reference!.Target));
        Assert.All(cards, c => Assert.Equal([WarningCode.NoReferenceValue], c.WarningCodes()));
    }

    [Theory]
    [InlineData("2026-Q1", ReferencePeriod.PreviousQuarter, "2025-Q4")]
    [InlineData("2026-Q3", ReferencePeriod.PreviousQuarter, "2026-Q2")]
    [InlineData("2026-Q1", ReferencePeriod.SameQuarterLastYear, "2025-Q1")]
    [InlineData("2026-M04", ReferencePeriod.PreviousQuarter, null)]
    public void ReferencePeriods(string scored, ReferencePeriod kind, string? expected)
    {
        var relative = new RelativeTarget { Period = kind, Percent = 85m };

        Assert.Equal(expected, relative.ReferenceOf(Period.Parse(scored))?.ToString());
    }

    [Fact]
    public void AMonth_HasNoReferenceQuarter_AndFallsBack()
    {
        var scheme = Scheme(Days());
        // S2 closed a case of 28 days in April: against the fallback 45, 17 days under (+2 capped), warned.
        var card = ScoreQ2(scheme, period: Period.Month(2026, 4))[1];

        var line = Assert.Single(card.LinesOf(LineKind.Target));
        Assert.Equal(new LineReference(string.Empty, 45m), line.Reference);
        Assert.Equal([WarningCode.NoReferenceValue], card.WarningCodes());
        Assert.EndsWith("（相对目标按季度参照，本期不是季度，按保底目标）", ScorecardText.Line(line, scheme, Language.Zh), StringComparison.Ordinal);
    }

    [Fact]
    public void TheReference_SharesTheLedgerEntrysField_SoALineStaysAt64Bytes()
    {
        Assert.Equal(64, System.Runtime.CompilerServices.Unsafe.SizeOf<ScoreLine>());
    }

    [Fact]
    public void ScorecardsWithReferences_RoundTripThroughJson()
    {
        var cards = ScoreQ2(Scheme(Days()));

        foreach (var options in new[] { DomainJson.Options, DomainJson.Compact })
        {
            var read = JsonSerializer.Deserialize<List<Scorecard>>(JsonSerializer.Serialize(cards, options), options)!;
            Assert.Equal(cards.SelectMany(c => c.Lines), read.SelectMany(c => c.Lines));
            Assert.Equal([new LineReference("2026-Q1", 34m, 40m), new LineReference("2026-Q1", 25.93m, 30.5m), new LineReference("2026-Q1", 45m)],
                read.Select(c => c.Lines.Single(l => l.Kind == LineKind.Target).Reference));
        }
    }
}
