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
        // 16:00 UTC is midnight in Beijing: the deadline a working-day count ends at, shown as 24:00 of its own day.
        Assert.Contains("退回补正中（截止时间，北京时间）：第二检察部（2026-07-03 24:00）", html, StringComparison.Ordinal);
    }

    private static readonly Storage.Infrastructure.Stored<Storage.Outbox.OutboxMessage>[] SetAside =
    [
        new("cycle-o1-2026-Q1", "result-E1", new Storage.Outbox.OutboxMessage("result-E1", "zhang.san@nowhere.example", "【绩效考核】2026-Q1考核结果", "正文", "zh",
            DateTimeOffset.UnixEpoch, Attempts: 1, LastError: "550 5.1.1 mailbox unavailable", SetAsideAt: DateTimeOffset.UnixEpoch.AddHours(1), OfficeId: Office), Azure.ETag.All),
        new("cycle-o1-2026-Q1", "remind-D1-0", new Storage.Outbox.OutboxMessage("remind-D1-0", "head@slow.example", "【绩效考核】提醒", "正文", "zh",
            DateTimeOffset.UnixEpoch, Attempts: 8, LastError: "451 try later", SetAsideAt: DateTimeOffset.UnixEpoch.AddHours(2), OfficeId: Office), Azure.ETag.All),
    ];

    private static async Task<string> RenderWithMailAsync(Role role, SetAsideForm form)
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        return await PageRenderer.RenderAsync<Workflow.Pages.Components.DashboardPage>(services, new Dictionary<string, object?>
        {
            ["Context"] = new PageContext(Language.Zh, new Caller("u1", new HashSet<Role> { role }, Office, null), "/api/pages", "/api/pages/offices/o1/dashboard?lang=en"),
            ["Org"] = Org,
            ["Rows"] = Rows,
            ["Now"] = DateTimeOffset.UnixEpoch,
            ["SetAside"] = SetAside,
            ["MailForm"] = form with { Action = "/api/pages/offices/o1/dashboard", AntiForgery = "token-1" },
        });
    }

    [Fact]
    public async Task TheOffice_SeesItsMailSetAside_EachWithAResendForm()
    {
        var html = System.Net.WebUtility.HtmlDecode(await RenderWithMailAsync(Role.AppraisalOffice, new SetAsideForm([], null, null, null)));

        Assert.Contains("搁置的邮件（2 封）", html, StringComparison.Ordinal);
        foreach (var expected in new[] { "zhang.san@nowhere.example", "【绩效考核】2026-Q1考核结果", "550 5.1.1 mailbox unavailable", "1970-01-01 09:00", "head@slow.example", "451 try later" })
        {
            Assert.Contains(expected, html, StringComparison.Ordinal);
        }

        Assert.Equal(2, html.Split("<form method=\"post\" action=\"/api/pages/offices/o1/dashboard\"").Length - 1);
        Assert.Equal(2, html.Split("name=\"af\" value=\"token-1\"").Length - 1);
        Assert.Contains("name=\"stream\" value=\"cycle-o1-2026-Q1\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"key\" value=\"remind-D1-0\"", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"mail-1-to\">更正后的地址（可不填）</label>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-invalid=\"true\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedResend_ShowsItsErrorBesideThatMailsAddress_WithWhatWasEntered()
    {
        var form = new SetAsideForm([new FieldMessage("to", "应为电子邮件地址")], "cycle-o1-2026-Q1/remind-D1-0", "head at slow", null);
        var html = await RenderWithMailAsync(Role.AppraisalOffice, form);

        Assert.Contains("<a href=\"#mail-1-to\">应为电子邮件地址</a>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"field-error\" id=\"mail-1-to-error\">应为电子邮件地址</span>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"mail-1-to\" name=\"to\" type=\"email\" inputmode=\"email\" autocomplete=\"off\" maxlength=\"254\" value=\"head at slow\" aria-describedby=\"mail-1-to-error\" aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("mail-0-to-error", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Role.Supervisor)]
    [InlineData(Role.PartyGroup)]
    public async Task OtherReadersOfTheDashboard_SeeNoMail(Role role)
    {
        var html = System.Net.WebUtility.HtmlDecode(await RenderWithMailAsync(role, new SetAsideForm([], null, null, null)));

        Assert.DoesNotContain("搁置的邮件", html, StringComparison.Ordinal);
        Assert.DoesNotContain("zhang.san@nowhere.example", html, StringComparison.Ordinal);
        Assert.DoesNotContain("method=\"post\"", html, StringComparison.Ordinal);
    }
}
