using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;
using static Appraisal.Domain.Tests.TestSchemes;
using static Appraisal.Domain.Tests.TestScoring;

namespace Appraisal.Domain.Tests.Scoring;

/// <summary>Rated indicators scored from group tallies (<see cref="RatingCell"/>): each group's minimum responses,
/// the fallback rating, paper results.</summary>
public sealed class ScorerRaterGroupTests
{
    /// <summary>Colleagues (k = 5, weight 60) and leaders (k = 3, weight 40) on "team", 10 points in "eval".</summary>
    private static Scheme Evaluation(bool dropExtremes = false, decimal? fallback = null) =>
        Department(Category("eval", 10), Category("rest", 90)) with
        {
            RatedIndicators =
            [
                Rated("team", "eval", 10, dropExtremes) with
                {
                    FallbackRating = fallback,
                    RaterGroups =
                    [
                        new() { Group = "colleagues", Weight = 60, Raters = RaterKind.AllStaff, MinResponses = 5 },
                        new() { Group = "leaders", Weight = 40, Raters = RaterKind.OfficeLeaders, MinResponses = 3 },
                    ],
                },
            ],
        };

    private static RatingCell Cell(string group, params decimal[] scores) => RatingCell.Of("S1", "team", group, scores);

    private static Scorecard ScoreCells(Scheme scheme, params RatingCell[] cells)
    {
        var subjects = Subjects("S1");
        var input = new ScoringInput(scheme, Quarter, subjects, new Appraisal.Domain.Cases.IndicatorTable(1, 0),
            RatingTable.Build(scheme, subjects, cells), LedgerBook.Build(scheme, subjects, []));
        return Assert.Single(Scorer.Score(input));
    }

    [Fact]
    public void EveryGroupAtItsMinimum_CountsWithItsWeight()
    {
        // Colleagues 80 (5 responses), leaders 90 (3): 0.6 × 80 + 0.4 × 90 = 84 → 8.4.
        var card = ScoreCells(Evaluation(), Cell("colleagues", 70, 75, 80, 85, 90), Cell("leaders", 85, 90, 95));

        var line = Assert.Single(card.LinesOf(LineKind.Rated));
        Assert.Equal((LineOutcome.Applied, 84m, 8.4m, 8), (line.Outcome, line.Input, line.Points, line.Basis));
        Assert.Empty(card.Warnings);
    }

    [Fact]
    public void AGroupBelowItsMinimum_IsLeftOut_ItsWeightGoesToTheOthers_WithAWarningNamingNAndK()
    {
        // Colleagues have 4 of 5: left out; leaders' 90 carries the whole weight → 9. Basis: the 3 responses used.
        var card = ScoreCells(Evaluation(), Cell("colleagues", 10, 10, 10, 10), Cell("leaders", 85, 90, 95));

        var line = Assert.Single(card.LinesOf(LineKind.Rated));
        Assert.Equal((LineOutcome.Applied, 90m, 9m, 3), (line.Outcome, line.Input, line.Points, line.Basis));
        var warning = Assert.Single(card.Warnings);
        Assert.Equal(new ScoreWarning(WarningCode.BelowMinimumResponses, "team/colleagues", 4, 5), warning);
    }

    [Fact]
    public void NoGroupAtItsMinimum_WithoutAFallback_GivesNoPoints_AndAWarningPerGroup()
    {
        var card = ScoreCells(Evaluation(), Cell("colleagues", 90, 90), Cell("leaders", 90, 90));

        var line = Assert.Single(card.LinesOf(LineKind.Rated));
        Assert.Equal((LineOutcome.MissingRatings, 0m, (decimal?)null), (line.Outcome, line.Points, line.Input));
        Assert.Equal([WarningCode.BelowMinimumResponses, WarningCode.BelowMinimumResponses], card.WarningCodes());
        Assert.Equal([(2m, 5m), (2m, 3m)], card.Warnings.Select(w => (w.Value!.Value, w.Threshold!.Value)));
    }

    [Fact]
    public void NoGroupAtItsMinimum_WithAFallback_TakesTheFallbackRating_AndWarnsOfIt()
    {
        var card = ScoreCells(Evaluation(fallback: 80m), Cell("colleagues", 100, 100), Cell("leaders", 100));

        var line = Assert.Single(card.LinesOf(LineKind.Rated));
        Assert.Equal((LineOutcome.Fallback, 80m, 8m, 0), (line.Outcome, line.Input, line.Points, line.Basis));
        Assert.Equal([WarningCode.BelowMinimumResponses, WarningCode.BelowMinimumResponses, WarningCode.FallbackRating], card.WarningCodes());
        Assert.Equal(new ScoreWarning(WarningCode.FallbackRating, "team", 80m), card.Warnings[2]);
        Assert.Equal(98m, card.Total);
    }

    [Fact]
    public void TheScorecardSays_WhichGroupFellShort_AndThatTheFallbackWasUsed()
    {
        var scheme = Evaluation(fallback: 80m);
        scheme = scheme with
        {
            RatedIndicators = [scheme.RatedIndicators[0] with { RaterGroups = [scheme.RatedIndicators[0].RaterGroups[0] with { Name = new LocalizedText("同事评议", "Colleagues") }, scheme.RatedIndicators[0].RaterGroups[1]] }],
        };
        var card = ScoreCells(scheme, Cell("colleagues", 90, 90), Cell("leaders", 90));

        var line = Assert.Single(card.LinesOf(LineKind.Rated));
        Assert.Contains("保底评分 80", ScorecardText.Line(line, scheme, Language.Zh), StringComparison.Ordinal);
        Assert.Contains("fallback rating 80", ScorecardText.Line(line, scheme, Language.En), StringComparison.Ordinal);
        Assert.Equal("team：同事评议 仅 2 份评分，少于最低 5 份，未计入", ScorecardText.Warning(card.Warnings[0], scheme, Language.Zh));
        Assert.Equal("team: leaders has 1 response(s), below its minimum of 3; left out", ScorecardText.Warning(card.Warnings[1], scheme, Language.En));
        Assert.Contains("按保底评分 80 计", ScorecardText.Warning(card.Warnings[2], scheme, Language.Zh), StringComparison.Ordinal);
    }

    [Fact]
    public void NoRatingsAtAll_WithAFallback_TakesTheFallback_AfterAMissingWarningPerGroup()
    {
        var card = ScoreCells(Evaluation(fallback: 75m));

        Assert.Equal(7.5m, Assert.Single(card.LinesOf(LineKind.Rated)).Points);
        Assert.Equal([WarningCode.MissingRatings, WarningCode.MissingRatings, WarningCode.FallbackRating], card.WarningCodes());
    }

    [Fact]
    public void AFallback_IsNotUsed_WhenOneGroupCounts()
    {
        var card = ScoreCells(Evaluation(fallback: 80m), Cell("leaders", 60, 60, 60));

        var line = Assert.Single(card.LinesOf(LineKind.Rated));
        Assert.Equal((LineOutcome.Applied, 60m), (line.Outcome, line.Input));
        Assert.Equal([WarningCode.MissingRatings], card.WarningCodes());
    }

    [Fact]
    public void DropExtremes_AppliesToATallyCell_AsToIndividualRatings()
    {
        // Colleagues 40, 80, 85, 90, 100 → (80 + 85 + 90) / 3 = 85; leaders 70, 90, 95 → 90. 0.6 × 85 + 0.4 × 90 = 87.
        var cells = new[] { Cell("colleagues", 40, 80, 85, 90, 100), Cell("leaders", 70, 90, 95) };

        var card = ScoreCells(Evaluation(dropExtremes: true), cells);
        var fromRatings = ScoreOne(Evaluation(dropExtremes: true), ratings:
        [
            .. new decimal[] { 40, 80, 85, 90, 100 }.Select((s, i) => Rating("S1", "team", "colleagues", $"c{i}", s)),
            .. new decimal[] { 70, 90, 95 }.Select((s, i) => Rating("S1", "team", "leaders", $"l{i}", s)),
        ]);

        Assert.Equal(87m, Assert.Single(card.LinesOf(LineKind.Rated)).Input);
        Assert.Equal(fromRatings.Lines.ToArray(), card.Lines.ToArray());
    }

    [Fact]
    public void APaperCell_HasACountAndAMean_AndNoExtremesToDrop()
    {
        // 6 paper questionnaires averaging 82.5 count as they are, dropExtremes or not; leaders 70, 90, 95 → 90.
        var paper = RatingCell.FromPaper("S1", "team", "colleagues", 6, 82.5m);

        var card = ScoreCells(Evaluation(dropExtremes: true), paper, Cell("leaders", 70, 90, 95));

        var line = Assert.Single(card.LinesOf(LineKind.Rated));
        Assert.Equal((85.5m, 9), (line.Input!.Value, line.Basis)); // 0.6 × 82.5 + 0.4 × 90
        Assert.True(paper.Paper);
        Assert.Equal(82.5m, paper.Mean);
    }

    [Fact]
    public void APaperCell_BelowTheMinimum_IsLeftOutLikeAnyOther()
    {
        var card = ScoreCells(Evaluation(), RatingCell.FromPaper("S1", "team", "colleagues", 4, 99m), Cell("leaders", 60, 60, 60));

        Assert.Equal(60m, Assert.Single(card.LinesOf(LineKind.Rated)).Input);
        Assert.Equal(new ScoreWarning(WarningCode.BelowMinimumResponses, "team/colleagues", 4, 5), Assert.Single(card.Warnings));
    }

    [Fact]
    public void CellsOfOneGroup_AddUp_AndAPaperPartMakesTheWholeCellPaper()
    {
        // Online 60, 100 and 3 on paper averaging 80: 5 responses, mean (160 + 240) / 5 = 80, nothing dropped.
        var card = ScoreCells(Evaluation(dropExtremes: true),
            Cell("colleagues", 60, 100), RatingCell.FromPaper("S1", "team", "colleagues", 3, 80m), Cell("leaders", 80, 80, 80));

        var line = Assert.Single(card.LinesOf(LineKind.Rated));
        Assert.Equal((80m, 8), (line.Input!.Value, line.Basis));
    }

    [Fact]
    public void ALegacyGroup_WithoutRatersOrMinimum_CountsASingleRating_AsBefore()
    {
        var scheme = Department(Category("eval", 10), Category("rest", 90)) with
        {
            RatedIndicators = [Rated("team", "eval", 10, false, ("staff", 100))],
        };

        var card = ScoreCells(scheme, RatingCell.Of("S1", "team", "staff", [70m]));

        Assert.Equal(70m, Assert.Single(card.LinesOf(LineKind.Rated)).Input);
        Assert.Empty(card.Warnings);
    }

    [Fact]
    public void RatingCell_Aggregate_SumsIndividualRatingsPerSubjectIndicatorAndGroup()
    {
        var cells = RatingCell.Aggregate(
        [
            Rating("S1", "team", "colleagues", "a", 70), Rating("S1", "team", "colleagues", "b", 90),
            Rating("S1", "team", "leaders", "c", 80), Rating("S2", "team", "colleagues", "d", 60),
        ]);

        Assert.Equal(3, cells.Count);
        Assert.Contains(new RatingCell("S1", "team", "colleagues", 2, 160m, 70m, 90m), cells);
        Assert.Contains(new RatingCell("S1", "team", "leaders", 1, 80m, 80m, 80m), cells);
        Assert.Contains(new RatingCell("S2", "team", "colleagues", 1, 60m, 60m, 60m), cells);
    }

    [Fact]
    public void RatingTable_Find_GivesACellsTally_AndBuildRefusesUnknownGroupsAndNegativeCounts()
    {
        var scheme = Evaluation();
        var subjects = Subjects("S1");

        var table = RatingTable.Build(scheme, subjects, [Cell("colleagues", 70, 90), RatingCell.FromPaper("S1", "team", "leaders", 3, 80m)]);

        Assert.Equal(new RatingCell("S1", "team", "colleagues", 2, 160m, 70m, 90m), table.Find("S1", "team", "colleagues"));
        Assert.True(table.Find("S1", "team", "leaders").Paper);
        Assert.Throws<ArgumentException>(() => RatingTable.Build(scheme, subjects, [RatingCell.Of("S1", "team", "public", [80m])]));
        Assert.Throws<ArgumentException>(() => RatingTable.Build(scheme, subjects, [new RatingCell("S1", "team", "leaders", -1, 0m, 0m, 0m)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => RatingCell.FromPaper("S1", "team", "leaders", 3, 101m));
    }
}
