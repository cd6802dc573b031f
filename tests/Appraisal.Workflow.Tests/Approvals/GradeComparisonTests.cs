using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;
using Appraisal.Workflow.Approvals;
using Appraisal.Workflow.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Tests.Approvals;

/// <summary>The changes against the last period the Party group sees before deciding: the previous period of the same
/// kind, each grade's count now and then, and who was appraised in both with another grade now — and the page's
/// table of them, or its sentence when there is nothing to compare.</summary>
public sealed class GradeComparisonTests
{
    private static Scorecard Card(string id, string department, Grade grade, int rank, string period = "2026-Q1") => new()
    {
        SubjectId = id,
        SubjectName = "姓名" + id,
        SubjectKind = SubjectKind.Person,
        DepartmentId = department,
        SchemeId = "b",
        SchemeVersion = 1,
        Period = period,
        Lines = [],
        Categories = [],
        Total = 100 - rank,
        Grade = grade,
        QualifiedGrade = grade,
        OfficeRank = rank,
    };

    private static readonly OfficeOrganisation Organisation = new(new Office { Id = "o", Name = "示例院", Level = OfficeLevel.Basic },
        [new Department { Id = "D1", Name = "第一检察部" }, new Department { Id = "D2", Name = "第二检察部" }], [], []);

    [Theory]
    [InlineData("2026-Q1", "2025-Q4")]
    [InlineData("2026-Q3", "2026-Q2")]
    [InlineData("2026-M01", "2025-M12")]
    [InlineData("2026-M07", "2026-M06")]
    [InlineData("2026", "2025")]
    public void ThePreviousPeriod_IsTheOneBefore_OfTheSameKind(string period, string previous) =>
        Assert.Equal(previous, GradeComparison.PreviousOf(period));

    [Fact]
    public void GradeCountsAndChangedGrades_AgainstThePreviousPeriod()
    {
        IReadOnlyList<Scorecard> now = [Card("p1", "D1", Grade.Excellent, 1), Card("p2", "D2", Grade.Good, 2), Card("p3", "D1", Grade.Good, 3), Card("p4", "D2", Grade.Fail, 4)];
        IReadOnlyList<Scorecard> before = [Card("p1", "D1", Grade.Good, 2, "2025-Q4"), Card("p2", "D2", Grade.Good, 1, "2025-Q4"), Card("p3", "D1", Grade.Excellent, 3, "2025-Q4"), Card("p9", "D1", Grade.Competent, 4, "2025-Q4")];

        var changes = GradeComparison.Of("2025-Q4", now, before, Organisation);

        Assert.True(changes.Stored);
        Assert.Equal(
            [new GradeCount(Grade.Excellent, 1, 1), new GradeCount(Grade.Good, 2, 2), new GradeCount(Grade.Competent, 0, 1), new GradeCount(Grade.Fail, 1, 0)],
            changes.Counts);
        // p4 is new and p9 left: neither "changed"; p2 kept its grade.
        Assert.Equal(
            [new GradeChange("p1", "姓名p1", "第一检察部", Grade.Good, Grade.Excellent), new GradeChange("p3", "姓名p3", "第一检察部", Grade.Excellent, Grade.Good)],
            changes.Changes);
        Assert.Equal(-1, changes.Counts.Single(c => c.Grade == Grade.Competent).Change);
    }

    [Fact]
    public void NoResultsOfThePreviousPeriod_NothingToCompare()
    {
        var changes = GradeComparison.Of("2025-Q4", [Card("p1", "D1", Grade.Good, 1)], [], Organisation);

        Assert.False(changes.Stored);
        Assert.Empty(changes.Counts);
        Assert.Empty(changes.Changes);
    }

    [Fact]
    public async Task TheDecisionPage_ShowsTheChanges_OrSaysThereIsNoPreviousPeriod()
    {
        IReadOnlyList<Scorecard> now = [Card("p1", "D1", Grade.Excellent, 1), Card("p2", "D2", Grade.Good, 2)];
        var claims = new ApprovalClaims("o", "2026-Q1", 1, "b", "id", "m1", "nonce", DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds());
        var compared = GradeComparison.Of("2025-Q4", now, [Card("p1", "D1", Grade.Good, 1, "2025-Q4"), Card("p2", "D2", Grade.Good, 2, "2025-Q4")], Organisation);
        var with = await RenderAsync(new ApprovalView(ApprovalOutcome.Confirm, claims, Organisation, now, null) { Changes = compared }, Language.Zh);
        var without = await RenderAsync(new ApprovalView(ApprovalOutcome.Confirm, claims, Organisation, now, null) { Changes = GradeComparison.Of("2025-Q4", now, [], Organisation) }, Language.En);

        Assert.Contains("<table id=\"grade-changes\">", with, StringComparison.Ordinal);
        Assert.Contains("<tr data-subject=\"p1\"><td>姓名p1</td><td>第一检察部</td><td>良好</td><td>优秀</td></tr>", with, StringComparison.Ordinal);
        Assert.DoesNotContain("data-subject=\"p2\"", with, StringComparison.Ordinal);
        Assert.Contains("<tr data-grade=\"Excellent\"><td>优秀</td><td class=\"n\">1</td><td class=\"n\">0</td><td class=\"n\">+1</td></tr>", System.Net.WebUtility.HtmlDecode(with), StringComparison.Ordinal);
        Assert.Contains("<tr data-grade=\"Good\"><td>良好</td><td class=\"n\">1</td><td class=\"n\">2</td><td class=\"n\">-1</td></tr>", with, StringComparison.Ordinal);
        Assert.Contains("院党组审议考核结果", with, StringComparison.Ordinal);
        Assert.Contains("The office has no results of the last period (2025-Q4)", without, StringComparison.Ordinal);
        Assert.DoesNotContain("grade-changes", without, StringComparison.Ordinal);

        // No one is signed in on a mailed link: the navigation offers nothing that needs a sign-in.
        Assert.DoesNotContain("/pages/todo", with, StringComparison.Ordinal);
    }

    private static async Task<string> RenderAsync(ApprovalView view, Language language)
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        return await PageRenderer.RenderAsync<Appraisal.Workflow.Pages.Components.ApprovalPage>(services, new Dictionary<string, object?>
        {
            ["Context"] = new PageContext(language, null, "/api/pages", "/api/approvals/t?lang=en"),
            ["View"] = view,
            ["FormToken"] = "af",
            ["Action"] = "/api/approvals/t",
        });
    }
}
