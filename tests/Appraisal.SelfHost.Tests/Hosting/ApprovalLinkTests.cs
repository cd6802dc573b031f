using System.Net;
using Appraisal.SelfHost.Demo;
using Appraisal.Storage;
using Appraisal.Storage.Outbox;
using Appraisal.Storage.Secrets;
using Appraisal.Workflow.Approvals;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Notifications;

using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The Party group's decision through the mails a real SMTP server (smtp4dev) received from the self-host's
/// outbox and the links in them: a GET (a mail scanner's, or the member's) changes nothing; forged, unknown, expired
/// links and forms without their anti-forgery value are refused with readable pages and change nothing; a POST from
/// the page records the decision once and a replay is 409; the majority's approvals publish and finalise the results,
/// whose notices arrive by mail, each exactly once.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ApprovalLinkTests(MailFixture mail) : IClassFixture<MailFixture>
{
    private const string Period = "2026-Q1";

    [Fact]
    public async Task TheMajorityApprovesThroughMailedLinks_AndEveryBadUseIsRefusedWithoutChangingAnything()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Mail" + fixture.Prefix[2..], mail.HostSettings);
        await host.StartAsync();
        using var actors = fixture.Actors(host, Period);
        var before = (await mail.Server.MessagesAsync(default)).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await actors.StartAsync(new CycleStart(CycleFixture.Office, Period, SelfEvaluationTime: TimeSpan.FromMinutes(10),
            RemindBefore: TimeSpan.Zero, ObjectionPeriod: TimeSpan.FromSeconds(5)))).StatusCode);
        await actors.WaitForAsync("SelfEvaluation");
        foreach (var d in fixture.Sample.Organisation.Departments)
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.SubmitWhenOpenAsync(d.Id));
        }

        foreach (var d in CycleActors.Awaiting(await actors.WaitForAsync("Verification")))
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.VerifyAsync(d));
        }

        var members = CycleActors.Awaiting(await actors.WaitForAsync("Decision"));
        var people = fixture.Sample.Organisation.People.ToDictionary(p => p.Email ?? p.Id, p => p.Id, StringComparer.Ordinal);

        // The four decision mails, in Chinese, each with its member's own link.
        var mails = await mail.WaitForMailsAsync(before, m => m.Subject.Contains("请审议", StringComparison.Ordinal), 4);
        var links = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var m in mails)
        {
            var text = await mail.Server.PlainTextAsync(m.Id, default);
            Assert.Contains("院党组审议", text, StringComparison.Ordinal);
            links[people[m.To]] = Assert.Single(ApprovalBrowser.Links(text));
        }

        Assert.Equal(members.Order(StringComparer.Ordinal), links.Keys.Order(StringComparer.Ordinal));
        await SettledAsync(fixture.Account);
        var snapshot = await StorageSnapshot.TakeAsync(fixture.Account);
        using var http = new HttpClient();
        var first = links[members[0]];

        // A GET — a mail scanner's or the member's — shows what is decided and changes nothing.
        foreach (var _ in Enumerable.Range(0, 2))
        {
            using var page = await http.GetAsync(first);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("院党组审议考核结果", html, StringComparison.Ordinal);
            Assert.Contains("考核对象 93 名", html, StringComparison.Ordinal);
            Assert.Contains("name=\"af\"", html, StringComparison.Ordinal);
        }

        // Refusals, each a readable page with its status, none changing anything.
        var token = first.AbsolutePath.Split('/')[^1];
        var signature = token.Split('.')[1];
        var tampered = new Uri(first, token.Split('.')[0] + "." + (signature[0] == 'A' ? 'B' : 'A') + signature[1..]);
        var expired = new Uri(first, await ExpiredTokenAsync(fixture.Account, token));
        await AssertPageAsync(http.GetAsync(tampered), HttpStatusCode.Forbidden, "链接无效");
        await AssertPageAsync(http.GetAsync(new Uri(first, "garbage")), HttpStatusCode.NotFound, "未找到链接");
        await AssertPageAsync(http.GetAsync(expired), HttpStatusCode.Gone, "链接已过期");
        await AssertPageAsync(http.PostAsync(first, Form(("decision", "approve"))), HttpStatusCode.BadRequest, "提交无效"); // no anti-forgery value
        await AssertPageAsync(http.PostAsync(first, Form(("decision", "approve"), ("af", "forged"))), HttpStatusCode.BadRequest, "提交无效");
        await AssertPageAsync(http.PostAsync(tampered, Form(("decision", "approve"))), HttpStatusCode.Forbidden, "链接无效");
        var (rejectStatus, rejectPage) = await ApprovalBrowser.DecideAsync(first, approve: false, reason: null, default);
        Assert.Equal(HttpStatusCode.BadRequest, rejectStatus); // rejecting needs a reason
        Assert.Contains("不同意时须填写理由", rejectPage, StringComparison.Ordinal);
        Assert.Equal(snapshot, await StorageSnapshot.TakeAsync(fixture.Account));

        // The first member approves from the page; the same POST again is a replay.
        var (status, recorded) = await ApprovalBrowser.DecideAsync(first, approve: true, reason: "同意", default);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("您的决定已记录", recorded, StringComparison.Ordinal);
        await AssertPageAsync(http.GetAsync(first), HttpStatusCode.Conflict, "链接已使用");
        var (replay, _) = await ApprovalBrowser.DecideAsync(first, approve: false, reason: "改变主意", default);
        Assert.Equal(HttpStatusCode.Conflict, replay);

        // Two more members approve in headless Chromium, from the links in their mails — one with the mouse, one
        // with the keyboard alone: a majority of four. The results are published, then final; the notices go out.
        await ApproveInChromiumAsync(links[members[1]], keyboard: false, "approval-2-mouse");
        await ApproveInChromiumAsync(links[members[2]], keyboard: true, "approval-3-keyboard");

        var done = await actors.WaitForAsync("Completed", TimeSpan.FromMinutes(2));
        Assert.Equal(1, done.GetProperty("output").GetProperty("decisionRounds").GetInt32());
        await AssertPageAsync(http.GetAsync(links[members[3]]), HttpStatusCode.Conflict, "无需审议"); // decided without them
        var results = await mail.WaitForMailsAsync(before, m => m.Subject.Contains("考核结果：", StringComparison.Ordinal), 93);
        Assert.Equal(93, results.Select(m => m.To).Distinct(StringComparer.Ordinal).Count());
        await SettledAsync(fixture.Account);
        Assert.Equal(4, (await mail.Server.MessagesAsync(default)).Count(m => !before.Contains(m.Id) && m.Subject.Contains("请审议", StringComparison.Ordinal)));
        var outbox = await new OutboxRepository(fixture.Account).AllAsync(OutboxCycleNotifications.Stream(CycleFixture.Office, Period));
        Assert.All(outbox, m => Assert.NotNull(m.Value.SentAt));
        var audit = await new Appraisal.Storage.Audit.AuditLog(fixture.Account).ReadAsync(CycleFixture.Office, Period);
        Assert.Equal(3, audit.Count(e => e.Action == "decision.approved"));
        Assert.DoesNotContain(audit, e => e.Action == "decision.rejected");
        Assert.Equal("appraisal-office", Assert.Single(audit, e => e.Action == "cycle.started").Actor);
        await ResultReads.AssertReadableAsync(host, fixture, Period);
        await PageReads.AssertPagesAsync(host, fixture, Period);
    }

    /// <summary>Opens the link as a member would, checks the page is the Chinese confirmation with what is decided,
    /// chooses "approve" and submits; the answer page says the decision is recorded. Screenshots of both pages.</summary>
    private static async Task ApproveInChromiumAsync(Uri link, bool keyboard, string name)
    {
        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        var opened = await page.GotoAsync(link.ToString());
        Assert.Equal(200, opened?.Status);
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        var text = await page.InnerTextAsync("body");
        Assert.Contains("院党组审议考核结果", text, StringComparison.Ordinal);
        Assert.Contains("考核对象 93 名", text, StringComparison.Ordinal);
        Assert.Equal(93, (await page.Locator("#grades td.n").AllInnerTextsAsync()).Sum(int.Parse));
        Assert.Contains("各部门自查自评均经核查通过", await page.InnerTextAsync("#notes"), StringComparison.Ordinal);
        Assert.Contains("没有上一期（2025-Q4）", await page.InnerTextAsync("#changes"), StringComparison.Ordinal); // the office's first quarter here
        Assert.Equal(1, await page.Locator("label[for=approve]").CountAsync());
        await Chromium.ScreenshotAsync(page, name + "-page");
        await Chromium.AssertAccessibleAsync(page);

        if (keyboard)
        {
            await TabToAsync(page, "approve");
            await page.Keyboard.PressAsync("Space");
            Assert.True(await page.IsCheckedAsync("#approve"));
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.TypeAsync("同意，无意见。");
            await TabToAsync(page, null, "BUTTON");
            await page.Keyboard.PressAsync("Enter");
        }
        else
        {
            await page.CheckAsync("#approve");
            await page.ClickAsync("button[type=submit]");
        }

        // The answer page replaces the form once the POST is answered.
        await page.GetByText("您的决定已记录").WaitForAsync();
        await Chromium.ScreenshotAsync(page, name + "-recorded");
    }

    /// <summary>Presses Tab until the element with the id (or of the tag) has the focus; fails after 30 presses.</summary>
    private static async Task TabToAsync(IPage page, string? id, string? tag = null)
    {
        for (var i = 0; i < 30; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("() => (document.activeElement?.id || '') + '|' + (document.activeElement?.tagName || '')");
            var (focusedId, focusedTag) = (focused.Split('|')[0], focused.Split('|')[1]);
            if ((id is not null && focusedId == id) || (tag is not null && focusedTag == tag))
            {
                return;
            }
        }

        Assert.Fail($"the keyboard never reached {id ?? tag}");
    }

    /// <summary>Waits until the outbox holds nothing unsent, so a snapshot sees no sender at work.</summary>
    private static async Task SettledAsync(StorageAccount account)
    {
        var outbox = new OutboxRepository(account);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await outbox.PendingAsync(OutboxCycleNotifications.Stream(CycleFixture.Office, Period))).Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the outbox did not empty within 30 s");
            await Task.Delay(200);
        }
    }

    /// <summary>The same link with its expiry moved into the past, signed with the host's own key (read from storage).</summary>
    private static async Task<string> ExpiredTokenAsync(StorageAccount account, string token)
    {
        var links = new ApprovalLinks(new ApprovalKeys(new ApprovalOptions(), new SecretStore(account)));
        var (check, claims) = await links.CheckAsync(token, DateTimeOffset.UtcNow, default);
        Assert.Equal(LinkCheck.Valid, check);
        return await links.SignAsync(claims! with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds() }, default);
    }

    private static async Task AssertPageAsync(Task<HttpResponseMessage> send, HttpStatusCode status, string text)
    {
        using var response = await send;
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, found {(int)response.StatusCode}: {html}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(text, html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
}
