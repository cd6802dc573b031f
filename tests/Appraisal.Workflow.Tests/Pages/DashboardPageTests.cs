using Appraisal.Domain.Cycles;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Text;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Tests.Pages;

/// <summary>The dashboard offers each reader only the actions their role may take: the appraisal office verifies the
/// departments awaited, reviews pending objections, reads audit trails and bulletins, imports and starts; a supervisor
/// reads audit trails and bulletins; the Party group reads bulletins.</summary>
public sealed class DashboardPageTests
{
    private const string Office = "o1";

    private static readonly OfficeOrganisation Org = new(new Office { Id = Office, Name = "示例院", Level = OfficeLevel.Basic },
        [new Department { Id = "D1", Name = "第一检察部" }, new Department { Id = "D2", Name = "第二检察部" }], [], []);

    private static readonly DashboardRow[] Rows =
    [
        new("2026-Q2", "Running", CycleStage.Verification, ["D1", "D2"], null, false),
        new("2026-Q1", "Running", CycleStage.ObjectionReview, [], null, false),
        new("2026-M03", "Completed", CycleStage.Published, [], null, false),
        new("2026-M04", "Running", null, [], null, false),
    ];

    private static async Task<string> RenderAsync(Role role)
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        var caller = new Caller("u1", new HashSet<Role> { role }, Office, null);
        return await PageRenderer.RenderAsync<Workflow.Pages.Components.DashboardPage>(services, new Dictionary<string, object?>
        {
            ["Context"] = new PageContext(Language.Zh, caller, "/api/pages", "/api/pages/offices/o1/dashboard?lang=en"),
            ["Org"] = Org,
            ["Rows"] = Rows,
            ["Now"] = DateTimeOffset.UnixEpoch,
        });
    }

    [Fact]
    public async Task TheOffice_SeesEveryActionOfItsPeriods()
    {
        var html = await RenderAsync(Role.AppraisalOffice);

        Assert.Contains("href=\"/api/pages/cycles/o1/2026-Q2/departments/D1/verification\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/pages/cycles/o1/2026-Q2/departments/D2/verification\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/pages/cycles/o1/2026-Q1/objections\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/pages/offices/o1/bulletins/2026-M03\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("bulletins/2026-M04", html, StringComparison.Ordinal); // not composed yet
        Assert.Equal(4, html.Split("/audit\"").Length - 1);
        Assert.Contains("href=\"/api/pages/offices/o1/imports\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/pages/offices/o1/cycle-start\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASupervisor_SeesTheAuditTrailsAndBulletins_NothingToVerifyReviewImportOrStart()
    {
        var html = await RenderAsync(Role.Supervisor);

        Assert.Equal(4, html.Split("/audit\"").Length - 1);
        Assert.Contains("bulletins/2026-M03", html, StringComparison.Ordinal);
        foreach (var refused in new[] { "/verification", "/objections", "/imports", "/cycle-start" })
        {
            Assert.DoesNotContain(refused, html, StringComparison.Ordinal);
        }

        Assert.Contains("第一检察部、第二检察部", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal); // whom the cycle awaits, as text
    }

    [Fact]
    public async Task ThePartyGroup_SeesTheBulletins_NoAuditTrail()
    {
        var html = await RenderAsync(Role.PartyGroup);

        Assert.Contains("bulletins/2026-M03", html, StringComparison.Ordinal);
        foreach (var refused in new[] { "/audit", "/verification", "/objections", "/imports", "/cycle-start" })
        {
            Assert.DoesNotContain(refused, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ADepartmentCorrecting_IsNamedWithItsDeadline_BesideThoseToVerify()
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        var row = new DashboardRow("2026-Q2", "Running", CycleStage.Verification, ["D1"], null, false)
        {
            Correcting = [new Workflow.Cycle.CorrectionWindow("D2", new DateTime(2026, 7, 3, 16, 0, 0, DateTimeKind.Utc))],
        };
        var html = await PageRenderer.RenderAsync<Workflow.Pages.Components.DashboardPage>(services, new Dictionary<string, object?>
        {
            ["Context"] = new PageContext(Language.Zh, new Caller("u1", new HashSet<Role> { Role.AppraisalOffice }, Office, null), "/api/pages", "/api/pages/offices/o1/dashboard?lang=en"),
            ["Org"] = Org,
            ["Rows"] = new[] { row },
            ["Now"] = DateTimeOffset.UnixEpoch,
        });

        Assert.Contains("href=\"/api/pages/cycles/o1/2026-Q2/departments/D1/verification\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("departments/D2/verification", html, StringComparison.Ordinal);
        Assert.Contains("退回补正中（截止时间，北京时间）：第二检察部（2026-07-04 00:00）", html, StringComparison.Ordinal);
    }
}
