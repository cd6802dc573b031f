using Appraisal.Domain.Cases;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;
using static Appraisal.Domain.Tests.TestSchemes;
using static Appraisal.Domain.Tests.TestScoring;

namespace Appraisal.Domain.Tests.Scoring;

/// <summary>第十条 assessed once a year, computed by hand: a quarter below the share is a warning with a line of 0 points;
/// the year-end measures the year's workload against the year's peer average (not an average of quarter shares) and
/// deducts once, in the scheme's category.</summary>
public sealed class YearlyLeaderWorkloadTests
{
    private static readonly Scheme Scheme = Person(Category("work", 100)) with
    {
        LeaderWorkload = Workload("work", 5m, (LeadershipPost.DepartmentHead, 50m)) with { Assessed = WorkloadAssessment.Yearly },
    };

    private static readonly SubjectSet Office = Subjects(Subject("H1", "D1", LeadershipPost.DepartmentHead), Subject("P1", "D1"), Subject("P2", "D1"));

    [Fact]
    public void AQuarterBelowTheShare_IsAWarningOnly()
    {
        // 5 of D1's average 12 = 41.67% < 50%: a line of 0 points, the total untouched, a warning that says so.
        var head = Score(Scheme, Office, t =>
        {
            t.SetWorkload(0, 5);
            t.SetWorkload(1, 10);
            t.SetWorkload(2, 14);
        })[0];

        var line = Assert.Single(head.LinesOf(LineKind.LeaderWorkload));
        Assert.Equal((LineOutcome.Below, 41.67m, 0m), (line.Outcome, line.Input, line.Points));
        Assert.Equal(100m, head.Total);
        var warning = Assert.Single(head.Warnings);
        Assert.Equal((WarningCode.LeaderBelowWorkloadShareUntilYearEnd, 41.67m, 50m), (warning.Code, warning.Value, warning.Threshold));
        Assert.Equal("领导干部办案量 5 件，为同类平均的 41.67%，低于第十条要求的 50%：按年度考核，本期仅警示不扣分，年终按全年办案量计扣",
            ScorecardText.Line(line, Scheme, Language.Zh));
        Assert.Equal("领导干部办案量为同类平均的 41.67%，低于 50%；按年度考核，本期仅为警示，是否扣分由年终按全年办案量决定",
            ScorecardText.Warning(warning, Scheme, Language.Zh));
        Assert.Contains("a warning only", ScorecardText.Warning(warning, Scheme, Language.En), StringComparison.Ordinal);
    }

    /// <summary>Closed per quarter — H1: 1, 1, 1, 6 (9 in the year); P1 and P2 each: 1, 1, 1, 17 (20). Quarter shares
    /// 100%, 100%, 100%, 35.29% (their mean 83.82%, met); the year's 9 of 20 = 45% is below 50%. One case closed in
    /// 2025 and one still open do not count.</summary>
    private static CaseLog Year()
    {
        var log = new CaseLog();
        var n = 0;
        void Add(string handler, int quarter, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var accepted = new DateOnly(2026, ((quarter - 1) * 3) + 1, 2);
                log.Add(new CaseRecord
                {
                    CaseId = $"C{++n:D3}",
                    HandlerId = handler,
                    DepartmentId = "D1",
                    CaseType = "审查起诉",
                    Accepted = accepted,
                    Closed = accepted.AddDays(20),
                    TimeLimit = accepted.AddDays(60),
                });
            }
        }

        foreach (var (who, counts) in new[] { ("H1", new[] { 1, 1, 1, 6 }), ("P1", new[] { 1, 1, 1, 17 }), ("P2", new[] { 1, 1, 1, 17 }) })
        {
            for (var q = 0; q < 4; q++)
            {
                Add(who, q + 1, counts[q]);
            }
        }

        log.Add(new CaseRecord { CaseId = "OLD", HandlerId = "H1", DepartmentId = "D1", CaseType = "审查起诉", Accepted = new DateOnly(2025, 11, 1), Closed = new DateOnly(2025, 12, 20), TimeLimit = new DateOnly(2026, 1, 30) });
        log.Add(new CaseRecord { CaseId = "OPEN", HandlerId = "H1", DepartmentId = "D1", CaseType = "审查起诉", Accepted = new DateOnly(2026, 12, 1), Closed = null, TimeLimit = new DateOnly(2027, 2, 1) });
        return log;
    }

    private static Scorecard QuarterCard(string subject, int quarter) => new()
    {
        SubjectId = subject,
        SubjectName = subject,
        SubjectKind = SubjectKind.Person,
        DepartmentId = "D1",
        SchemeId = Scheme.Id,
        SchemeVersion = Scheme.Version,
        Period = $"2026-Q{quarter}",
        Lines = [],
        Categories = [new CategoryScore("work", 100m, 100m)],
        Total = 100m,
    };

    private static IReadOnlyList<Scorecard> YearEnd(Scheme scheme, CaseLog? cases) =>
        YearEndScorer.Score(scheme, 2026, Office, Office.Items.Select(s => s.Id).SelectMany(id => Enumerable.Range(1, 4).Select(q => QuarterCard(id, q))), [], cases);

    [Fact]
    public void TheYearEnd_DeductsOnce_OnTheYearsShare()
    {
        var cards = YearEnd(Scheme, Year());
        var head = cards.Single(c => c.SubjectId == "H1");

        var line = Assert.Single(head.LinesOf(LineKind.LeaderWorkload));
        Assert.Equal((LineOutcome.Below, 45m, 9, -5m), (line.Outcome, line.Input, line.Basis, line.Points));
        Assert.Equal(new LineReference("2026", 50m, 20m), line.Reference);
        Assert.Equal(95m, head.Total);
        Assert.Equal("work", line.Category);
        var warning = Assert.Single(head.Warnings);
        Assert.Equal((WarningCode.LeaderBelowWorkloadShare, 45m, 50m), (warning.Code, warning.Value, warning.Threshold));
        Assert.Equal("领导干部 2026 年度办案量 9 件，同类平均 20 件，占 45%，低于第十条要求的 50%：年终扣分一次", ScorecardText.Line(line, Scheme, Language.Zh));
        Assert.Equal("Leader workload in 2026: 9 case(s) against the year's peers' average of 20, a share of 45%, below the 50% of article 10: deducted once at the year end",
            ScorecardText.Line(line, Scheme, Language.En));
        Assert.All(cards.Where(c => c.SubjectId != "H1"), c => Assert.Equal(100m, c.Total));
    }

    [Fact]
    public void TheYearEnd_AtTheShare_IsMet_WithoutADeduction()
    {
        // Two more cases for H1 in Q4: 11 of 20 = 55%.
        var log = Year();
        foreach (var id in new[] { "X1", "X2" })
        {
            log.Add(new CaseRecord { CaseId = id, HandlerId = "H1", DepartmentId = "D1", CaseType = "审查起诉", Accepted = new DateOnly(2026, 10, 5), Closed = new DateOnly(2026, 10, 25), TimeLimit = new DateOnly(2026, 12, 5) });
        }

        var head = YearEnd(Scheme, log).Single(c => c.SubjectId == "H1");

        var line = Assert.Single(head.LinesOf(LineKind.LeaderWorkload));
        Assert.Equal((LineOutcome.Met, 55m, 0m), (line.Outcome, line.Input, line.Points));
        Assert.Equal(100m, head.Total);
        Assert.Empty(head.Warnings);
        Assert.Equal("领导干部 2026 年度办案量 11 件，同类平均 20 件，占 55%，达到第十条要求的 50%", ScorecardText.Line(line, Scheme, Language.Zh));
    }

    [Fact]
    public void QuarterlyAssessment_AddsNothingAtTheYearEnd_AndNeedsNoCases()
    {
        var quarterly = Scheme with { LeaderWorkload = Scheme.LeaderWorkload! with { Assessed = WorkloadAssessment.Quarterly } };

        var head = YearEnd(quarterly, null).Single(c => c.SubjectId == "H1");

        Assert.Empty(head.LinesOf(LineKind.LeaderWorkload));
        Assert.False(YearEndScorer.NeedsYearCases(quarterly));
        Assert.True(YearEndScorer.NeedsYearCases(Scheme));
    }

    [Fact]
    public void AYearlyYearEnd_WithoutTheYearsCases_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => YearEnd(Scheme, null));
    }
}
