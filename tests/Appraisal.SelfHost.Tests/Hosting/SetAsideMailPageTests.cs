using System.Net.Http.Json;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Outbox;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Mail;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>Mail refused for good, end to end on a running self-host sending to a real SMTP server (smtp4dev, which
/// answers 550 for one domain), in headless Chromium with JavaScript off: set aside after its one attempt, it shows on
/// the appraisal office's dashboard (and not on a supervisor's, nor another office's); a corrected address that is not
/// one is shown beside its form and changes nothing; resent by keyboard to a corrected address, it arrives exactly
/// once, and the resend is in the office's audit chain. A forged form (no anti-forgery value) changes nothing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SetAsideMailPageTests(MailFixture mail) : IClassFixture<MailFixture>
{
    private const string Period = "2026-Q1";

    [Fact]
    public async Task MailRefusedForGood_ShowsOnTheOfficesDashboard_AndAResendToACorrectedAddressGoesOnce_Audited()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Aside" + fixture.Prefix[2..], mail.HostSettings);
        await host.StartAsync();
        var outbox = new OutboxRepository(fixture.Account);
        var stream = $"cycle-{CycleFixture.Office}-{Period}";
        var subject = $"【绩效考核】{Period}考核结果 {Guid.NewGuid():N}";
        var refusedTo = $"zhang.san@{MailFixture.UndeliverableDomain}";
        await outbox.EnqueueAsync(stream, new OutboxMessage("result-E0001", refusedTo, subject, "您的考核结果已确定。", "zh", DateTimeOffset.UtcNow, OfficeId: CycleFixture.Office));

        // The host's sender tries it once, is answered 550, and sets it aside.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        OutboxMessage tried;
        while ((tried = Assert.Single(await outbox.AllAsync(stream)).Value).SetAsideAt is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"not set aside within a minute: {tried}");
            await Task.Delay(250);
        }

        Assert.True(tried is { Attempts: 1, SentAt: null }, tried.ToString());
        Assert.StartsWith("550 ", tried.LastError, StringComparison.Ordinal);

        // The API lists it for the office, and refuses an administrator of another office.
        using (var http = new HttpClient { BaseAddress = host.Url })
        {
            var api = $"api/offices/{CycleFixture.Office}/mail/set-aside";
            http.DefaultRequestHeaders.Authorization = new("Bearer", await host.TokenAsync("office-1", Role.AppraisalOffice, CycleFixture.Office));
            var listed = Assert.Single((await http.GetFromJsonAsync<SetAsideMailItem[]>(api, CycleEndpoints.Json))!);
            Assert.Equal((stream, "result-E0001", refusedTo, subject, 1), (listed.Stream, listed.Key, listed.To, listed.Subject, listed.Attempts));
            http.DefaultRequestHeaders.Authorization = new("Bearer", await host.TokenAsync("admin-x", Role.Administrator, "sample-other"));
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await http.GetAsync(api)).StatusCode);
        }

        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var page = await context.NewPageAsync();
        var dashboard = $"/api/pages/offices/{CycleFixture.Office}/dashboard";
        await Chromium.SignInAsync(page, await host.TokenAsync("office-1", Role.AppraisalOffice, CycleFixture.Office), dashboard);
        Assert.Equal("搁置的邮件（1 封）", await page.InnerTextAsync("#set-aside"));
        var row = page.Locator($"tr[data-mail='{stream}/result-E0001']");
        Assert.Equal(new[] { refusedTo, subject, "1" }, (await row.Locator("td, th").AllInnerTextsAsync()).Take(3));
        Assert.Contains("550", await row.Locator("td.error").InnerTextAsync(), StringComparison.Ordinal);
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "dashboard-mail-set-aside");
        await page.GotoAsync(dashboard + "?lang=en");
        Assert.Equal(("Mail set aside (1)", "Corrected address (optional)", "Resend"),
            (await page.InnerTextAsync("#set-aside"), await page.InnerTextAsync("label[for='mail-0-to']"), await page.InnerTextAsync("tr[data-mail] button")));
        await Chromium.AssertAccessibleAsync(page);
        await page.GotoAsync(dashboard);

        // Not an address: shown beside the mail's form, what was entered kept, nothing changed.
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        await page.FillAsync("#mail-0-to", "zhang.san at example.org");
        var refused = await Chromium.SubmitAsync(page, "tr[data-mail] button[type=submit]");
        Assert.Equal(400, refused.Status);
        Assert.Equal("to", await page.GetAttributeAsync("#errors li", "data-field"));
        Assert.Contains("应为电子邮件地址", await page.InnerTextAsync("#mail-0-to-error"), StringComparison.Ordinal);
        Assert.Equal(("zhang.san at example.org", "true"), (await page.InputValueAsync("#mail-0-to"), await page.GetAttributeAsync("#mail-0-to", "aria-invalid")));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "dashboard-mail-bad-address");

        // A forged form: refused, nothing changed.
        var forged = await context.APIRequest.PostAsync(dashboard, new APIRequestContextOptions
        {
            Form = context.APIRequest.CreateFormData().Set("stream", stream).Set("key", "result-E0001").Set("to", "x@example.org"),
        });
        Assert.Equal(400, forged.Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));

        // A supervisor reads the same dashboard without the mail; another office's appraisal office does not reach it.
        await using (var supervisorContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() }))
        {
            var supervisor = await supervisorContext.NewPageAsync();
            await Chromium.SignInAsync(supervisor, await host.TokenAsync("supervisor-1", Role.Supervisor, CycleFixture.Office), dashboard);
            Assert.Equal(0, await supervisor.Locator("#set-aside, tr[data-mail]").CountAsync());
            Assert.DoesNotContain(refusedTo, await supervisor.ContentAsync(), StringComparison.Ordinal);
        }

        await using (var otherContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() }))
        {
            var other = await otherContext.NewPageAsync();
            await Chromium.SignInAsync(other, await host.TokenAsync("office-x", Role.AppraisalOffice, "sample-other"), "/api/pages/todo");
            Assert.Equal(403, (await other.GotoAsync(dashboard))!.Status);
            Assert.DoesNotContain(refusedTo, await other.ContentAsync(), StringComparison.Ordinal);
        }

        // By keyboard: the corrected address typed, the form's button reached with Tab and pressed.
        var mails = (await mail.Server.MessagesAsync(default)).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        await page.FillAsync("#mail-0-to", "zhang.san@example.org");
        await page.FocusAsync("#mail-0-to");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("重新发送", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        var resent = await Chromium.SubmitByKeyAsync(page);
        Assert.True(resent.Status == 200, await page.InnerTextAsync("main"));
        Assert.Contains("zhang.san@example.org", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "dashboard-mail-resent");

        var arrived = Assert.Single(await mail.WaitForMailsAsync(mails, m => m.Subject == subject, 1));
        Assert.Equal("zhang.san@example.org", arrived.To);
        deadline = DateTime.UtcNow.AddSeconds(30);
        while (Assert.Single(await outbox.AllAsync(stream)).Value.SentAt is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "not marked sent");
            await Task.Delay(250);
        }

        await Task.Delay(1500); // Several of the sender's passes: none sends it again.
        Assert.Single(await mail.Server.MessagesAsync(default), m => m.Subject == subject);
        var entry = Assert.Single(await new AuditLog(fixture.Account).ReadAsync(CycleFixture.Office, AuditPeriods.Office), e => e.Action == SetAsideMail.ResentAction);
        Assert.Equal(("office-1", $"{stream}/result-E0001", refusedTo, "zhang.san@example.org"), (entry.Actor, entry.Target, entry.Before, entry.After));

        // Sent: gone from the dashboard.
        await page.GotoAsync(dashboard);
        Assert.Equal(0, await page.Locator("#set-aside").CountAsync());
    }
}
