using System.Globalization;
using System.Net;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Reports;
using Appraisal.Workflow.Bulletins;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>A person's own pages, in headless Chromium with JavaScript off: after two months' bulletins, a member of
/// staff reads their running score this quarter (我的成绩) with every figure as the stored bulletins have it and the
/// month not yet reported named as such; another person's is refused; the page in English; the public notice printed
/// without its navigation; and the objection form it links to, refusing a wrong entry beside its field with what was
/// typed kept and nothing filed.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StaffPageTests
{
    private const string Quarter = "2026-Q1";

    [Fact]
    public async Task APerson_ReadsTheirRunningScore_AsTheBulletinsHaveIt_AndNoOneElses()
    {
        var fixture = await CycleFixture.CreateAsync(Quarter);
        await using var host = new SelfHostProcess(fixture.Prefix, "Stf" + fixture.Prefix[2..]);
        await host.StartAsync();
        foreach (var month in new[] { "2026-M01", "2026-M02" })
        {
            using var actors = fixture.Actors(host, month);
            Assert.Equal(HttpStatusCode.Accepted, (await actors.StartAsync(new CycleStart(CycleFixture.Office, month))).StatusCode);
            await actors.WaitForAsync("Completed", TimeSpan.FromMinutes(2));
        }

        // The bulletins as stored: the person's figures in each, and their place in the second one's list.
        var reports = new ReportStore(fixture.Account);
        var january = await ReadBulletinAsync(reports, "2026-M01");
        var february = await ReadBulletinAsync(reports, "2026-M02");
        Assert.Null(await reports.GetAsync(StorageBulletinServices.BlobName(CycleFixture.Office, "2026-M03")));

        // The bulletin's page as stored beside it: the same component, read on its own — no navigation.
        var file = WebUtility.HtmlDecode((await reports.GetAsync(StorageBulletinServices.FileName(CycleFixture.Office, "2026-M02", "bulletin.html")))!.Content.ToString());
        Assert.Contains("2026-M02 绩效考核月度通报</h1>", file, StringComparison.Ordinal);
        Assert.DoesNotContain("<nav", file, StringComparison.Ordinal);
        var org = fixture.Sample.Organisation;
        var person = org.People.First(p => p.Post == LeadershipPost.None && february.People.Any(b => b.SubjectId == p.Id) && january.People.Any(b => b.SubjectId == p.Id));
        var other = org.People.First(p => p.Post == LeadershipPost.None && p.Id != person.Id);
        var (first, second) = (january.People.Single(p => p.SubjectId == person.Id), february.People.Single(p => p.SubjectId == person.Id));
        var place = february.People.ToList().FindIndex(p => p.SubjectId == person.Id) + 1;

        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var page = await context.NewPageAsync();
        var score = $"/api/pages/offices/{CycleFixture.Office}/people/{person.Id}/running-score?quarter={Quarter}";
        await Chromium.SignInAsync(page, await host.TokenAsync(person.Id, Role.Staff, CycleFixture.Office, person.DepartmentId), "/api/pages/todo");

        // From the navigation: 我的成绩 leads to this quarter's page (by the clock, another quarter: none reported).
        await page.ClickAsync("nav >> text=我的成绩");
        await Chromium.WaitForUrlAsync(page, $"**/people/{person.Id}/running-score");
        Assert.Equal("我的成绩", await page.InnerTextAsync("nav a[aria-current]"));
        Assert.Equal(3, await page.Locator("tbody tr").CountAsync());

        Assert.Equal(200, (await page.GotoAsync(score))!.Status);
        Assert.Contains($"{person.Name} · {Quarter} 累计成绩", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.Equal(Cells(first), (await page.Locator("tr[data-month='2026-M01'] td").AllInnerTextsAsync()).Take(4));
        Assert.Equal(Cells(second), (await page.Locator("tr[data-month='2026-M02'] td").AllInnerTextsAsync()).Take(4));
        Assert.Equal(Place(place, february), await page.InnerTextAsync("tr[data-month='2026-M02'] td:nth-of-type(5)"));
        Assert.Equal("本月通报尚未生成。", await page.InnerTextAsync("tr[data-month='2026-M03'] td"));
        Assert.Equal($"截至 2026-M02 月度通报：季度累计 {N(second.QuarterToDate)} 分（2 个月平均），在全院 {february.People.Count} 人中列第 {place} 位。",
            (await page.InnerTextAsync("#running")).Trim());
        Assert.Equal(Math.Round((first.Month + second.Month) / 2, 2, MidpointRounding.AwayFromZero), second.QuarterToDate);
        await Chromium.ScreenshotAsync(page, "staff-running-score");
        await Chromium.AssertAccessibleAsync(page);

        // Someone else's running score: refused, a page naming why; the quarter must be a quarter.
        Assert.Equal(403, (await page.GotoAsync($"/api/pages/offices/{CycleFixture.Office}/people/{other.Id}/running-score?quarter={Quarter}"))!.Status);
        Assert.Equal("personId", await page.GetAttributeAsync("[role=alert]", "data-field"));
        Assert.Equal("无权查看", await page.InnerTextAsync("h1"));
        Assert.Equal(1, await page.Locator("nav >> text=我的成绩").CountAsync());
        await Chromium.AssertAccessibleAsync(page);
        Assert.Equal(400, (await page.GotoAsync($"/api/pages/offices/{CycleFixture.Office}/people/{person.Id}/running-score?quarter=2026-M02"))!.Status);
        Assert.Equal("quarter", await page.GetAttributeAsync("[role=alert]", "data-field"));

        // In English.
        Assert.Equal(200, (await page.GotoAsync(score + "&lang=en"))!.Status);
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("running score", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.Equal("This month's bulletin is not out yet.", await page.InnerTextAsync("tr[data-month='2026-M03'] td"));
        Assert.Equal(Cells(second), (await page.Locator("tr[data-month='2026-M02'] td").AllInnerTextsAsync()).Take(4));
        await Chromium.ScreenshotAsync(page, "staff-running-score-en");
        await Chromium.AssertAccessibleAsync(page);

        // The public notice of the quarter (as the cycle stores it), open for objections; printed, without the
        // navigation or the way to object.
        var notice = new PublicNotice(CycleFixture.Office, org.Office.Name, Quarter, fixture.Scheme.Id, fixture.Scheme.Version, 1, DateTime.UtcNow.AddDays(5),
            [.. february.People.Take(12).Select((p, i) => new PublicNoticeEntry(p.Name, february.Departments.Single(d => d.DepartmentId == p.DepartmentId).Name, p.QuarterToDate, "Competent", i + 1))]);
        await reports.PutAsync($"{PublicNotice.Prefix(CycleFixture.Office, Quarter)}{fixture.Scheme.Id}-r1.json", BinaryData.FromObjectAsJson(notice, DomainJson.Options), PublicNotice.ContentType);
        Assert.Equal(200, (await page.GotoAsync($"/api/pages/cycles/{CycleFixture.Office}/{Quarter}/notice"))!.Status);
        Assert.Equal(12, await page.Locator("main tbody tr").CountAsync());
        Assert.True(await page.Locator("nav").IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "提出异议" }).IsVisibleAsync());
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.Locator("nav").IsVisibleAsync());
        Assert.False(await page.Locator("header .app").IsVisibleAsync());
        Assert.False(await page.GetByRole(AriaRole.Link, new() { Name = "提出异议" }).IsVisibleAsync());
        Assert.True(await page.Locator("h1").IsVisibleAsync());
        Assert.Equal(12, await page.Locator("main tbody tr:visible").CountAsync());
        await Chromium.ScreenshotAsync(page, "notice-print");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        // The objection form it links to: no grounds, or another person's result, is refused beside its field with what
        // was typed kept; nothing is filed.
        await page.ClickAsync("text=提出异议");
        await Chromium.WaitForUrlAsync(page, "**/objection");
        Assert.Equal(person.Id, await page.InputValueAsync("#subjectId"));
        await page.FillAsync("#reason", "   ");
        var refused = await Chromium.SubmitAsync(page);
        Assert.Equal(400, refused.Status);
        Assert.Equal("true", await page.GetAttributeAsync("#reason", "aria-invalid"));
        Assert.Contains("异议须说明理由", await page.InnerTextAsync("#reason-error"), StringComparison.Ordinal);
        await page.FillAsync("#subjectId", other.Id);
        await page.FillAsync("#reason", "成绩有误。");
        refused = await Chromium.SubmitAsync(page);
        Assert.Equal(403, refused.Status);
        Assert.Contains(other.Id, await page.InnerTextAsync("#subjectId-error"), StringComparison.Ordinal);
        Assert.Equal((other.Id, "成绩有误。"), (await page.InputValueAsync("#subjectId"), await page.InputValueAsync("#reason")));
        await Chromium.ScreenshotAsync(page, "objection-form-error");
        Assert.Empty(await new AuditLog(fixture.Account).ReadAsync(CycleFixture.Office, Quarter));
    }

    private static async Task<MonthlyBulletin> ReadBulletinAsync(ReportStore reports, string month)
    {
        var stored = await reports.GetAsync(StorageBulletinServices.BlobName(CycleFixture.Office, month));
        Assert.NotNull(stored);
        return stored.Content.ToObjectFromJson<MonthlyBulletin>(StorageBulletinServices.Json)!;
    }

    private static string N(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Place(int place, MonthlyBulletin bulletin) => $"{place}/{bulletin.People.Count}";

    /// <summary>The month's score, the change (— in a quarter's first month), the quarter to date and the months
    /// counted, as the page's first cells show them.</summary>
    private static string[] Cells(BulletinPerson p) =>
        [N(p.Month), p.Change is { } c ? (c > 0 ? "+" : "") + N(c) : "—", N(p.QuarterToDate), p.Months.ToString(CultureInfo.InvariantCulture)];
}
