using Appraisal.Domain.Cases;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using static Appraisal.Domain.Tests.TestScoring;

namespace Appraisal.Domain.Tests.Scoring;

/// <summary>From raw inputs to a scorecard: template A for two departments, case records aggregated, then scored.</summary>
public sealed class ScoringInputTests
{
    private static readonly Scheme TemplateA = SchemeTemplates.Load("A");

    private static readonly OfficeOrganisation Office = new(
        new Office { Id = "basic-1", Name = "示例区人民检察院", Level = OfficeLevel.Basic },
        [new Department { Id = "D1", Name = "第一检察部" }, new Department { Id = "D2", Name = "第二检察部" }],
        [],
        [new Person { Id = "E1", Name = "王伟", DepartmentId = "D1", Category = StaffCategory.QuotaProsecutor }]);

    private static IReadOnlyList<Scorecard> ScoreQ1()
    {
        // D1: ten cases accepted 5 January, each closed after 20 days within its 45-day limit; one defective.
        var log = new CaseLog();
        for (var i = 0; i < 10; i++)
        {
            var accepted = new DateOnly(2026, 1, 5);
            log.Add($"c{i}", "E1", "D1", "审查起诉", accepted, accepted.AddDays(20), accepted.AddDays(45), i == 0 ? ["defective"] : []);
        }

        // As many ratings as each group's minimum: five of staff, three of the leaders.
        Rating[] ratings =
        [
            Rating("D1", "team-evaluation", "staff", "s1", 80), Rating("D1", "team-evaluation", "staff", "s2", 85),
            Rating("D1", "team-evaluation", "staff", "s3", 90), Rating("D1", "team-evaluation", "staff", "s4", 95),
            Rating("D1", "team-evaluation", "staff", "s5", 100), Rating("D1", "team-evaluation", "leaders", "l1", 60),
            Rating("D1", "team-evaluation", "leaders", "l2", 70), Rating("D1", "team-evaluation", "leaders", "l3", 80),
        ];
        LedgerEntry[] ledger = [Entry("D1", "research-article", occurrences: 2)];

        var input = ScoringInput.Prepare(TemplateA, Quarter, SubjectSet.For(TemplateA, Office), log, ratings, ledger);
        return Scorer.Score(input);
    }

    [Fact]
    public void TemplateA_DepartmentWithCases_ScoresEveryRuleByHand()
    {
        var d1 = ScoreQ1()[0];

        // business: closure 100% → 20 + 2.5 (5 units, at the cap); overdue 0% → 15; 20 days → 10 + 2 (10 units × 0.2, at the cap);
        // one defective case → 15 − 3. 61.5 in all.
        Assert.Equal(61.5m, d1.PointsOf("business"));
        // common: base 30 + two research articles.
        Assert.Equal(32m, d1.PointsOf("common"));
        // compliance: staff (80, 85, 90, 95, 100 → 90) and leaders (60, 70, 80 → 70), extremes dropped, half each → 80 → 10 × 0.8.
        Assert.Equal(8m, d1.PointsOf("compliance"));
        Assert.Equal(101.5m, d1.Total);
        Assert.Empty(d1.Warnings);
    }

    [Fact]
    public void TemplateA_DepartmentWithoutCases_RatesHaveNoData_PointsStand_WithWarnings()
    {
        var d2 = ScoreQ1()[1];

        Assert.Equal(
            [LineOutcome.NoData, LineOutcome.NoData, LineOutcome.NoData, LineOutcome.Met],
            d2.LinesOf(LineKind.Target).Select(l => l.Outcome));
        Assert.Equal(60m, d2.PointsOf("business"));
        Assert.Equal(0m, d2.PointsOf("compliance"));
        Assert.Equal(90m, d2.Total);
        Assert.Equal(
            [WarningCode.NoCaseData, WarningCode.NoCaseData, WarningCode.NoCaseData, WarningCode.MissingRatings, WarningCode.MissingRatings],
            d2.WarningCodes());
    }

    [Fact]
    public void TemplateA_Ranks_TheDepartments()
    {
        var cards = ScoreQ1();

        Assert.Equal([1, 2], cards.Select(c => c.OfficeRank));
        Assert.All(cards, c => Assert.Null(c.DepartmentRank));
    }
}
