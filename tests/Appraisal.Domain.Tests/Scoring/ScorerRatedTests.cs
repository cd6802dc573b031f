using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using static Appraisal.Domain.Tests.TestSchemes;
using static Appraisal.Domain.Tests.TestScoring;

namespace Appraisal.Domain.Tests.Scoring;

/// <summary>Rated indicators: points × rating / 100, the rating being the groups' means weighted.</summary>
public sealed class ScorerRatedTests
{
    private static Scheme Evaluation(bool dropExtremes, decimal staffWeight = 50m, decimal leadersWeight = 50m) =>
        Department(Category("eval", 10), Category("rest", 90)) with
        {
            RatedIndicators = [Rated("team", "eval", 10, dropExtremes, ("staff", staffWeight), ("leaders", leadersWeight))],
        };

    private static IEnumerable<Rating> Ratings(string group, params decimal[] scores) =>
        scores.Select((s, i) => Rating("S1", "team", group, $"{group}-{i + 1}", s));

    /// <summary>Staff 60, 80, 90, 100; leaders 70, 90.</summary>
    private static readonly Rating[] Both = [.. Ratings("staff", 60, 80, 90, 100), .. Ratings("leaders", 70, 90)];

    [Fact]
    public void DropExtremes_DropsEachGroupsHighestAndLowest_WhenItHasThreeOrMore()
    {
        // Staff (80 + 90) / 2 = 85; leaders have two ratings, so nothing dropped: 80. (85 + 80) / 2 = 82.5 → 10 × 0.825.
        var card = ScoreOne(Evaluation(dropExtremes: true), ratings: Both);

        var line = Assert.Single(card.LinesOf(LineKind.Rated));
        Assert.Equal(82.5m, line.Input);
        Assert.Equal(8.25m, line.Points);
        Assert.Equal(6, line.Basis);
        Assert.Equal(8.25m, card.PointsOf("eval"));
        Assert.Equal(98.25m, card.Total);
    }

    [Fact]
    public void WithoutDropExtremes_EveryRatingCounts_AndPointsRoundTo2Places()
    {
        // Staff 330 / 4 = 82.5; leaders 80; 81.25 → 10 × 0.8125 = 8.125 → 8.13.
        var card = ScoreOne(Evaluation(dropExtremes: false), ratings: Both);

        var line = Assert.Single(card.LinesOf(LineKind.Rated));
        Assert.Equal(81.25m, line.Input);
        Assert.Equal(8.13m, line.Points);
    }

    [Fact]
    public void DropExtremes_WithExactlyThreeRatings_KeepsTheMiddleOne()
    {
        var card = ScoreOne(Evaluation(dropExtremes: true, 100m, 0m), ratings: Ratings("staff", 50, 70, 100));

        Assert.Equal(7m, card.PointsOf("eval"));
    }

    [Fact]
    public void GroupWeights_WeighTheGroupMeans()
    {
        // 0.6 × 85 + 0.4 × 80 = 83 → 8.3.
        var card = ScoreOne(Evaluation(dropExtremes: true, 60m, 40m), ratings: Both);

        Assert.Equal(83m, Assert.Single(card.LinesOf(LineKind.Rated)).Input);
        Assert.Equal(8.3m, card.PointsOf("eval"));
    }

    [Fact]
    public void MissingGroup_TheOthersWeightsAreScaledUp_WithAWarningNamingTheGroup()
    {
        // Only staff rated: 85 carries the full weight → 8.5 (not 0.5 × 85).
        var card = ScoreOne(Evaluation(dropExtremes: true), ratings: Ratings("staff", 60, 80, 90, 100));

        var line = Assert.Single(card.LinesOf(LineKind.Rated));
        Assert.Equal(LineOutcome.Applied, line.Outcome);
        Assert.Equal(85m, line.Input);
        Assert.Equal(8.5m, line.Points);
        var warning = Assert.Single(card.Warnings);
        Assert.Equal(WarningCode.MissingRatings, warning.Code);
        Assert.Equal("team/leaders", warning.Item);
    }

    [Fact]
    public void NoRatingsAtAll_GivesNoPoints_AndAWarningPerGroup()
    {
        var card = ScoreOne(Evaluation(dropExtremes: true));

        var line = Assert.Single(card.LinesOf(LineKind.Rated));
        Assert.Equal(LineOutcome.MissingRatings, line.Outcome);
        Assert.Equal(0m, line.Points);
        Assert.Equal(0m, card.PointsOf("eval"));
        Assert.Equal(90m, card.Total);
        Assert.Equal([WarningCode.MissingRatings, WarningCode.MissingRatings], card.WarningCodes());
        Assert.Equal(["team/staff", "team/leaders"], card.Warnings.Select(w => w.Item));
    }

    [Fact]
    public void RatedIndicator_BesideAnUnallocatedBase_AddsToIt()
    {
        var scheme = Department(Category("eval", 30), Category("rest", 70)) with
        {
            RatedIndicators = [Rated("team", "eval", 10, false, ("staff", 100))],
        };

        var card = ScoreOne(scheme, ratings: Ratings("staff", 90));

        Assert.Equal(20m, Assert.Single(card.LinesOf(LineKind.Base), l => l.Category == "eval").Points);
        Assert.Equal(29m, card.PointsOf("eval"));
    }

    [Fact]
    public void RatingOfAnUnknownSubjectOrGroup_IsRefused()
    {
        var scheme = Evaluation(dropExtremes: false);

        Assert.Throws<ArgumentException>(() => RatingTable.Build(scheme, Subjects("S1"), [Rating("S9", "team", "staff", "r", 80)]));
        Assert.Throws<ArgumentException>(() => RatingTable.Build(scheme, Subjects("S1"), [Rating("S1", "team", "public", "r", 80)]));
        Assert.Throws<ArgumentException>(() => RatingTable.Build(scheme, Subjects("S1"), [Rating("S1", "other", "staff", "r", 80)]));
    }
}
