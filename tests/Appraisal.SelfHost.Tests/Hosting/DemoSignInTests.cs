using System.Net;
using Appraisal.Domain.Organisation;
using Appraisal.SelfHost.Hosting;
using Appraisal.SelfHost.Identity;
using Appraisal.Workflow.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The demo's sign-in as anyone of its office: offered by <c>appraisal demo</c>'s host only — an installed host
/// (<c>appraisal serve</c>, whatever its settings) lists no one and answers the demo's sign-in with 404 — and there, a
/// person chosen from the list lands on their own to-do list with the roles their place gives them.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DemoSignInTests
{
    [Fact]
    public async Task AnInstalledHost_OffersNoDemoSignIn_EvenWhenASettingAsksForIt()
    {
        var fixture = await CycleFixture.CreateAsync("2026-Q1");
        await using var host = new SelfHostProcess(fixture.Prefix, "Dm" + fixture.Prefix[2..], new Dictionary<string, string> { ["Auth__DemoSignIn"] = "true", ["DemoSignIn"] = "true" });
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Url };

        var page = await http.GetStringAsync(new Uri("/signin", UriKind.Relative));
        using var demo = await http.PostAsync(new Uri(SignInEndpoints.DemoPath, UriKind.Relative), new FormUrlEncodedContent([new("person", DemoSignIn.AppraisalOffice)]));

        Assert.DoesNotContain("name=\"person\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, demo.StatusCode);
        Assert.False(demo.Headers.TryGetValues("Set-Cookie", out _));
    }

    [Fact]
    public async Task TheDemoHost_ListsThePeopleByRole_AndSignsInAsTheOneChosen()
    {
        var fixture = await CycleFixture.CreateAsync("2026-Q1");
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}";
        await using var host = await SelfHostApp.StartAsync([], c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SelfHost:Urls"] = url,
            ["SelfHost:TaskHub"] = "Dmo" + fixture.Prefix[2..],
            ["Schedules:Enabled"] = "false",
            ["Storage:ConnectionString"] = AzuriteFixture.ConnectionString,
            ["Storage:Prefix"] = fixture.Prefix,
        }), default, new DemoSignIn(CycleFixture.Office));
        var head = fixture.Sample.Organisation.People.First(p => p.Post == LeadershipPost.DepartmentHead && p.DepartmentId == "D03");

        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = url });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin?returnUrl=%2Fapi%2Fpages%2Ftodo");
        Assert.Equal(5, await page.Locator("#person optgroup").CountAsync());
        Assert.Equal(fixture.Sample.Organisation.People.Count + 2, await page.Locator("#person option").CountAsync());
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "workbench-demo-sign-in");

        await page.SelectOptionAsync("#person", head.Id);
        await page.ClickAsync("text=以此人登录");
        await Chromium.WaitForUrlAsync(page, "**/api/pages/todo");
        Assert.Contains(head.Id, await page.InnerTextAsync("header"), StringComparison.Ordinal);
        Assert.Equal("我的待办", await page.InnerTextAsync("h1"));

        // The leadership (院领导班子) has no head: its chief prosecutor answers for it, with the Party group's role too.
        var org = fixture.Sample.Organisation;
        var chief = org.People.Single(p => p.Post == LeadershipPost.ChiefProsecutor);
        Assert.Equal(chief.Id, org.AnswersFor(chief.DepartmentId)?.Id);
        var caller = new DemoSignIn(CycleFixture.Office).CallerOf(org, new Appraisal.Workflow.Cycle.CycleOptions(), chief.Id)!;
        Assert.Equal((true, true, chief.DepartmentId), (caller.Has(Role.DepartmentHead), caller.Has(Role.PartyGroup), caller.DepartmentId));
        var deputy = org.People.First(p => p.Post == LeadershipPost.DeputyChiefProsecutor);
        Assert.False(new DemoSignIn(CycleFixture.Office).CallerOf(org, new Appraisal.Workflow.Cycle.CycleOptions(), deputy.Id)!.Has(Role.DepartmentHead));
    }
}
