using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using static Appraisal.Domain.Tests.TestSchemes;
using static Appraisal.Domain.Tests.TestScoring;

namespace Appraisal.Domain.Tests.Scoring;

/// <summary>Leader workload shares (检察机关办案绩效考核细则 第十条): department heads against their department's
/// average of quota prosecutors without a post, the chief and deputies against the office's.</summary>
public sealed class ScorerLeaderWorkloadTests
{
    private static readonly Scheme Scheme = Person(Category("work", 100)) with
    {
        StaffCategories = [StaffCategory.QuotaProsecutor, StaffCategory.ProsecutorialAssistant],
        LeaderWorkload = Workload("work", 5m,
            (LeadershipPost.DepartmentHead, 50m),
            (LeadershipPost.ChiefProsecutor, 10m),
            (LeadershipPost.DeputyChiefProsecutor, 30m)),
    };

    /// <summary>D1: P1 10, P2 14 (average 12), an assistant with 40 (not a peer); D2: P3 2, P4 2 (average 2).
    /// The office's average of quota prosecutors without a post: (10 + 14 + 2 + 2) / 4 = 7.</summary>
    private static IReadOnlyList<Scorecard> ScoreOffice(params (AppraisalSubject Leader, int Workload)[] leaders)
    {
        (AppraisalSubject Subject, int Workload)[] peers =
        [
            (Subject("P1", "D1"), 10),
            (Subject("P2", "D1"), 14),
            (Subject("A1", "D1", category: StaffCategory.ProsecutorialAssistant), 40),
            (Subject("P3", "D2"), 2),
            (Subject("P4", "D2"), 2),
        ];
        var all = leaders.Concat(peers).ToList();
        return Score(Scheme, Subjects(all.Select(x => x.Item1).ToArray()), t =>
        {
            for (var i = 0; i < all.Count; i++)
            {
                t.SetWorkload(i, all[i].Item2);
            }
        });
    }

    [Fact]
    public void DepartmentHead_BelowHalfOfTheDepartmentsAverage_IsDeducted_WithAWarning()
    {
        // 5 / 12 = 41.67% of D1's average (71% of the office's, which must not be used).
        var head = ScoreOffice((Subject("H1", "D1", LeadershipPost.DepartmentHead), 5))[0];

        var line = Assert.Single(head.LinesOf(LineKind.LeaderWorkload));
        Assert.Equal(LineOutcome.Below, line.Outcome);
        Assert.Equal(41.67m, line.Input);
        Assert.Equal(-5m, line.Points);
        Assert.Equal(95m, head.Total);
        var warning = Assert.Single(head.Warnings);
        Assert.Equal(WarningCode.LeaderBelowWorkloadShare, warning.Code);
        Assert.Equal(41.67m, warning.Value);
        Assert.Equal(50m, warning.Threshold);
    }

    [Fact]
    public void DepartmentHead_AtOrAboveTheShare_IsNotDeducted()
    {
        var cards = ScoreOffice(
            (Subject("H1", "D1", LeadershipPost.DepartmentHead), 6),
            (Subject("H2", "D2", LeadershipPost.DepartmentHead), 2));

        var exactlyHalf = Assert.Single(cards[0].LinesOf(LineKind.LeaderWorkload));
        Assert.Equal(LineOutcome.Met, exactlyHalf.Outcome);
        Assert.Equal(50m, exactlyHalf.Input);
        Assert.Equal(0m, exactlyHalf.Points);
        Assert.Equal(100m, cards[0].Total);
        Assert.Equal(100m, Assert.Single(cards[1].LinesOf(LineKind.LeaderWorkload)).Input);
        Assert.DoesNotContain(cards[0].Warnings, w => w.Code == WarningCode.LeaderBelowWorkloadShare);
        Assert.DoesNotContain(cards[1].Warnings, w => w.Code == WarningCode.LeaderBelowWorkloadShare);
    }

    [Fact]
    public void ChiefProsecutor_IsComparedWithTheOfficeAverage()
    {
        // Office average 7 (leaders and assistants excluded): 0 cases = 0% < 10%; 1 case = 14.29% ≥ 10%.
        var cards = ScoreOffice(
            (Subject("C0", "D0", LeadershipPost.ChiefProsecutor), 0),
            (Subject("C1", "D0", LeadershipPost.ChiefProsecutor), 1));

        var below = Assert.Single(cards[0].LinesOf(LineKind.LeaderWorkload));
        Assert.Equal(LineOutcome.Below, below.Outcome);
        Assert.Equal(0m, below.Input);
        Assert.Equal(95m, cards[0].Total);
        var met = Assert.Single(cards[1].LinesOf(LineKind.LeaderWorkload));
        Assert.Equal(LineOutcome.Met, met.Outcome);
        Assert.Equal(14.29m, met.Input);
        Assert.Equal(100m, cards[1].Total);
    }

    [Fact]
    public void DeputyChief_BelowThirtyPercentOfTheOfficeAverage_IsDeducted()
    {
        // 2 / 7 = 28.57% < 30%; 3 / 7 = 42.86%.
        var cards = ScoreOffice(
            (Subject("V1", "D0", LeadershipPost.DeputyChiefProsecutor), 2),
            (Subject("V2", "D0", LeadershipPost.DeputyChiefProsecutor), 3));

        Assert.Equal(28.57m, Assert.Single(cards[0].LinesOf(LineKind.LeaderWorkload)).Input);
        Assert.Equal(95m, cards[0].Total);
        Assert.Equal(100m, cards[1].Total);
    }

    [Fact]
    public void PeopleWithoutAPost_AreNotChecked()
    {
        var cards = ScoreOffice();

        Assert.All(cards, c => Assert.Empty(c.LinesOf(LineKind.LeaderWorkload)));
        Assert.All(cards, c => Assert.Equal(100m, c.Total));
    }

    [Fact]
    public void DepartmentHead_InADepartmentWithoutPeers_IsNotChecked()
    {
        var head = ScoreOffice((Subject("H9", "D9", LeadershipPost.DepartmentHead), 0))[0];

        Assert.Empty(head.LinesOf(LineKind.LeaderWorkload));
        Assert.Equal(100m, head.Total);
    }

    [Fact]
    public void DepartmentHead_WithoutAProsecutorQuota_IsNotChecked()
    {
        // 第十条 binds leaders who hold a prosecutor quota (入额); an assistant heading a department has no share to reach.
        var head = ScoreOffice((Subject("H1", "D1", LeadershipPost.DepartmentHead, StaffCategory.ProsecutorialAssistant), 0))[0];

        Assert.Empty(head.LinesOf(LineKind.LeaderWorkload));
        Assert.Equal(100m, head.Total);
        Assert.DoesNotContain(head.Warnings, w => w.Code == WarningCode.LeaderBelowWorkloadShare);
    }

    [Fact]
    public void WorkloadDeduction_InAWeightedScheme_CountsWithTheWeight()
    {
        var scheme = Weighted(Category("case", 100, weight: 70), Category("conduct", 100, weight: 30)) with
        {
            LeaderWorkload = Workload("case", 20m, (LeadershipPost.DepartmentHead, 50m)),
        };

        var cards = Score(scheme, Subjects(Subject("H1", "D1", LeadershipPost.DepartmentHead), Subject("P1", "D1")), t =>
        {
            t.SetWorkload(0, 1);
            t.SetWorkload(1, 10);
        });

        var line = Assert.Single(cards[0].LinesOf(LineKind.LeaderWorkload));
        Assert.Equal(-20m, line.Raw);
        Assert.Equal(-14m, line.Points);
        Assert.Equal(86m, cards[0].Total);
    }

    [Fact]
    public void WithLeadersInTheAverage_TheHeadIsMeasuredAgainstEveryQuotaProsecutorOfTheDepartment()
    {
        // D1 with its head counted: (5 + 10 + 14) / 3 = 9.67; 5 / 9.67 = 51.72% ≥ 50%: met, where without the head
        // (5 / 12 = 41.67%) it is deducted. The assistant is still no peer.
        var scheme = Scheme with { LeaderWorkload = Scheme.LeaderWorkload! with { PeerAverage = PeerAverage.WithLeaders } };
        (AppraisalSubject Subject, int Workload)[] all =
        [
            (Subject("H1", "D1", LeadershipPost.DepartmentHead), 5),
            (Subject("P1", "D1"), 10),
            (Subject("P2", "D1"), 14),
            (Subject("A1", "D1", category: StaffCategory.ProsecutorialAssistant), 40),
        ];

        var head = Score(scheme, Subjects(all.Select(x => x.Subject).ToArray()), t =>
        {
            for (var i = 0; i < all.Length; i++)
            {
                t.SetWorkload(i, all[i].Workload);
            }
        })[0];

        var line = Assert.Single(head.LinesOf(LineKind.LeaderWorkload));
        Assert.Equal((LineOutcome.Met, 51.72m, 0m), (line.Outcome, line.Input, line.Points));
        Assert.Empty(head.Warnings);
        Assert.Equal("领导干部办案量 5 件，为同类平均（含领导干部）的 51.72%，达到 50%", Appraisal.Domain.Text.ScorecardText.Line(line, scheme, Appraisal.Domain.Text.Language.Zh));
    }
}
