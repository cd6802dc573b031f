using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using static Appraisal.Domain.Tests.TestSchemes;

namespace Appraisal.Domain.Tests.Scoring;

/// <summary>Grades under thresholds and the Excellent quota (rounded down, per pool), tie-breaks, and ranks.</summary>
public sealed class GraderTests
{
    /// <summary>Categories x and y; tie-break y, then x (not the categories' order).</summary>
    private static readonly Scheme PersonScheme = Person(Category("x", 60), Category("y", 40)) with
    {
        StaffCategories = [StaffCategory.QuotaProsecutor, StaffCategory.ProsecutorialAssistant],
        Grading = GradingRules.Default with { TieBreak = ["y", "x"] },
    };

    private static Scorecard Card(string id, decimal total, string department = "D1", StaffCategory category = StaffCategory.QuotaProsecutor,
        decimal? x = null, decimal? y = null, SubjectKind kind = SubjectKind.Person) => new()
        {
            SubjectId = id,
            SubjectName = id,
            SubjectKind = kind,
            DepartmentId = department,
            StaffCategory = kind == SubjectKind.Person ? category : null,
            SchemeId = "test",
            SchemeVersion = 1,
            Period = "2026-Q1",
            Lines = [],
            Categories = [new CategoryScore("x", x ?? total - 30m, x ?? total - 30m), new CategoryScore("y", y ?? 30m, y ?? 30m)],
            Total = total,
        };

    private static Dictionary<string, Scorecard> GradeAll(Scheme scheme, params Scorecard[] cards) =>
        Grader.GradeAndRank(scheme, cards).ToDictionary(c => c.SubjectId);

    [Theory]
    [InlineData(95, Grade.Excellent)]
    [InlineData(90, Grade.Excellent)]
    [InlineData(89.99, Grade.Good)]
    [InlineData(80, Grade.Good)]
    [InlineData(79.99, Grade.Competent)]
    [InlineData(60, Grade.Competent)]
    [InlineData(59.99, Grade.Fail)]
    [InlineData(0, Grade.Fail)]
    [InlineData(130, Grade.Excellent)]
    public void DefaultThresholds_90_80_60(double total, Grade grade)
    {
        var scheme = PersonScheme with { Grading = GradingRules.Default with { ExcellentQuotaPercent = 100m } };

        var card = Assert.Single(Grader.GradeAndRank(scheme, [Card("S1", (decimal)total)]));

        Assert.Equal(grade, card.Grade);
        Assert.Equal(grade, card.QualifiedGrade);
    }

    [Fact]
    public void CustomThresholds_AreUsed()
    {
        var scheme = PersonScheme with
        {
            Grading = new GradingRules
            {
                Thresholds = [new() { Grade = Grade.Excellent, Min = 95m }, new() { Grade = Grade.Competent, Min = 70m }],
                ExcellentQuotaPercent = 100m,
            },
        };

        var cards = GradeAll(scheme, Card("A", 94m), Card("B", 69m), Card("C", 95m));

        Assert.Equal(Grade.Competent, cards["A"].Grade);
        Assert.Equal(Grade.Fail, cards["B"].Grade);
        Assert.Equal(Grade.Excellent, cards["C"].Grade);
    }

    [Fact]
    public void Quota_TenPeople_FourQualify_ExactlyTwoAreExcellent_TheOthersGood()
    {
        decimal[] totals = [98m, 95m, 93m, 91m, 88m, 85m, 84m, 82m, 81m, 70m];

        var cards = Grader.GradeAndRank(PersonScheme, totals.Select((t, i) => Card($"S{i}", t)).ToList());

        Assert.Equal(
            [Grade.Excellent, Grade.Excellent, Grade.Good, Grade.Good, Grade.Good,
             Grade.Good, Grade.Good, Grade.Good, Grade.Good, Grade.Competent],
            cards.Select(c => c.Grade));
        Assert.Equal(Grade.Excellent, cards[3].QualifiedGrade);
        Assert.All(cards, c => Assert.False(c.QuotaTie));
    }

    [Fact]
    public void Quota_IsRoundedDown_NinePeopleGiveOneExcellent()
    {
        decimal[] totals = [99m, 98m, 97m, 96m, 95m, 70m, 70m, 70m, 70m];

        var cards = Grader.GradeAndRank(PersonScheme, totals.Select((t, i) => Card($"S{i}", t)).ToList());

        Assert.Equal("S0", Assert.Single(cards, c => c.Grade == Grade.Excellent).SubjectId);
    }

    [Fact]
    public void Quota_UnderFivePeople_AllowsNoExcellent()
    {
        var cards = Grader.GradeAndRank(PersonScheme, [Card("A", 99m), Card("B", 98m), Card("C", 97m), Card("D", 96m)]);

        Assert.DoesNotContain(cards, c => c.Grade == Grade.Excellent);
        Assert.All(cards, c => Assert.Equal(Grade.Good, c.Grade));
        Assert.All(cards, c => Assert.False(c.QuotaTie));
    }

    [Fact]
    public void Quota_DemotedCandidate_TakesTheNextGradeItQualifiesFor()
    {
        // Without a Good threshold a demoted 92 is Competent.
        var scheme = PersonScheme with
        {
            Grading = new GradingRules { Thresholds = [new() { Grade = Grade.Excellent, Min = 90m }, new() { Grade = Grade.Competent, Min = 60m }] },
        };

        var cards = GradeAll(scheme, Card("A", 95m), Card("B", 92m), Card("C", 70m), Card("D", 70m), Card("E", 70m));

        Assert.Equal(Grade.Excellent, cards["A"].Grade);
        Assert.Equal(Grade.Competent, cards["B"].Grade);
    }

    [Fact]
    public void TieAtTheBoundary_IsBrokenByTheSchemesTieBreakOrder()
    {
        // Both 95. P1 is ahead in x, P2 in y; the tie-break names y first, so P2 is Excellent.
        var cards = GradeAll(PersonScheme,
            Card("P1", 95m, x: 60m, y: 35m),
            Card("P2", 95m, x: 55m, y: 40m),
            Card("S3", 70m), Card("S4", 70m), Card("S5", 70m));

        Assert.Equal(Grade.Excellent, cards["P2"].Grade);
        Assert.Equal(Grade.Good, cards["P1"].Grade);
        Assert.False(cards["P1"].QuotaTie);
        Assert.False(cards["P2"].QuotaTie);
    }

    [Fact]
    public void TieBreak_FallsThroughToTheNextCategory_WhenTheFirstTies()
    {
        var scheme = PersonScheme with { Grading = GradingRules.Default with { TieBreak = ["y", "x"] } };

        var cards = GradeAll(scheme,
            Card("P1", 95m, x: 57m, y: 38m),
            Card("P2", 95m, x: 55m, y: 38m),
            Card("S3", 70m), Card("S4", 70m), Card("S5", 70m));

        Assert.Equal(Grade.Excellent, cards["P1"].Grade);
        Assert.Equal(Grade.Good, cards["P2"].Grade);
    }

    [Fact]
    public void TieSurvivingEveryTieBreak_AtTheBoundary_NoTiedOneIsExcellent_AllFlagged_QuotaNotExceeded()
    {
        // Quota 2 of 10: 97 is in; the two 94s tie on everything for the second place.
        var others = Enumerable.Range(0, 7).Select(i => Card($"S{i}", 70m));
        var cards = GradeAll(PersonScheme, [Card("Top", 97m), Card("T1", 94m, x: 60m, y: 34m), Card("T2", 94m, x: 60m, y: 34m), .. others]);

        Assert.Equal(Grade.Excellent, cards["Top"].Grade);
        Assert.False(cards["Top"].QuotaTie);
        foreach (var tied in new[] { cards["T1"], cards["T2"] })
        {
            Assert.Equal(Grade.Good, tied.Grade);
            Assert.Equal(Grade.Excellent, tied.QualifiedGrade);
            Assert.True(tied.QuotaTie);
            var warning = Assert.Single(tied.Warnings);
            Assert.Equal(WarningCode.QuotaTie, warning.Code);
            Assert.Equal(2m, warning.Threshold);
        }

        Assert.Single(cards.Values, c => c.Grade == Grade.Excellent);
    }

    [Fact]
    public void TieAtTheTop_BeyondTheQuota_LeavesNobodyExcellent()
    {
        var cards = GradeAll(PersonScheme,
            Card("T1", 95m, x: 60m, y: 35m), Card("T2", 95m, x: 60m, y: 35m),
            Card("S3", 70m), Card("S4", 70m), Card("S5", 70m));

        Assert.DoesNotContain(cards.Values, c => c.Grade == Grade.Excellent);
        Assert.True(cards["T1"].QuotaTie);
        Assert.True(cards["T2"].QuotaTie);
    }

    [Fact]
    public void TieInsideTheQuota_IsNoProblem()
    {
        // Quota 2 of 10: the two 95s both fit; the 91 does not.
        var others = Enumerable.Range(0, 7).Select(i => Card($"S{i}", 70m));
        var cards = GradeAll(PersonScheme, [Card("T1", 95m, x: 65m, y: 30m), Card("T2", 95m, x: 65m, y: 30m), Card("N", 91m), .. others]);

        Assert.Equal(Grade.Excellent, cards["T1"].Grade);
        Assert.Equal(Grade.Excellent, cards["T2"].Grade);
        Assert.Equal(Grade.Good, cards["N"].Grade);
        Assert.DoesNotContain(cards.Values, c => c.QuotaTie);
    }

    [Fact]
    public void PersonScheme_EachStaffCategoryIsItsOwnPool()
    {
        // Four prosecutors (quota floor 0.8 = 0) outscore six assistants (quota floor 1.2 = 1):
        // one pool of ten would make the two best prosecutors Excellent.
        var prosecutors = new[] { 99m, 98m, 97m, 96m }.Select((t, i) => Card($"P{i}", t, category: StaffCategory.QuotaProsecutor));
        var assistants = new[] { 95m, 94m, 93m, 92m, 91m, 90m }.Select((t, i) => Card($"A{i}", t, category: StaffCategory.ProsecutorialAssistant));

        var cards = GradeAll(PersonScheme, [.. prosecutors, .. assistants]);

        Assert.Equal("A0", Assert.Single(cards.Values, c => c.Grade == Grade.Excellent).SubjectId);
        Assert.All(cards.Values.Where(c => c.StaffCategory == StaffCategory.QuotaProsecutor), c => Assert.Equal(Grade.Good, c.Grade));
    }

    [Fact]
    public void DepartmentScheme_AllDepartmentsAreOnePool()
    {
        var scheme = Department(Category("x", 60), Category("y", 40));
        var cards = GradeAll(scheme, [.. new[] { 99m, 98m, 97m, 96m, 95m, 94m, 93m, 92m, 91m, 90m }
            .Select((t, i) => Card($"D{i}", t, department: $"D{i}", kind: SubjectKind.Department))]);

        Assert.Equal(["D0", "D1"], cards.Values.Where(c => c.Grade == Grade.Excellent).Select(c => c.SubjectId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void OfficeRanks_AreCompetitionRanks_1_2_2_4()
    {
        var cards = Grader.GradeAndRank(PersonScheme, [Card("A", 80m), Card("B", 90m), Card("C", 85m), Card("D", 85m)]);

        Assert.Equal([4, 1, 2, 2], cards.Select(c => c.OfficeRank));
    }

    [Fact]
    public void DepartmentRanks_RankWithinTheDepartment()
    {
        var cards = GradeAll(PersonScheme,
            Card("A", 90m, "D1"), Card("B", 85m, "D1"), Card("C", 85m, "D1"), Card("D", 80m, "D1"),
            Card("E", 88m, "D2"));

        Assert.Equal([1, 2, 2, 4], new[] { "A", "B", "C", "D" }.Select(id => cards[id].DepartmentRank!.Value));
        Assert.Equal(1, cards["E"].DepartmentRank);
        Assert.Equal([1, 3, 3, 5, 2], new[] { "A", "B", "C", "D", "E" }.Select(id => cards[id].OfficeRank));
    }

    [Fact]
    public void DepartmentScheme_HasNoDepartmentRank()
    {
        var scheme = Department(Category("x", 60), Category("y", 40));

        var cards = Grader.GradeAndRank(scheme, [Card("D1", 90m, "D1", kind: SubjectKind.Department), Card("D2", 80m, "D2", kind: SubjectKind.Department)]);

        Assert.All(cards, c => Assert.Null(c.DepartmentRank));
        Assert.Equal([1, 2], cards.Select(c => c.OfficeRank));
    }

    [Fact]
    public void GradeAndRank_KeepsTheInputOrder()
    {
        var cards = Grader.GradeAndRank(PersonScheme, [Card("low", 60m), Card("high", 99m), Card("mid", 80m)]);

        Assert.Equal(["low", "high", "mid"], cards.Select(c => c.SubjectId));
    }
}
