using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Appraisal.Storage.Audit;
using Appraisal.Workflow.Calendar;
using Appraisal.Workflow.Identity;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The calendar's administered years end to end on a running self-host. In headless Chromium with JavaScript
/// off, a province-level administrator finds the calendar from where they land, reads 2026 (shipped) with its holidays
/// and worked days; a broken document pasted is refused with each error beside the field at its JSON path, in Chinese,
/// nothing stored; the 2027 test sample, submitted by keyboard, is added, shown and in force; a forged form changes
/// nothing; the appraisal office reads the page without the form. Through the API: a year added twice is 409, a
/// replacement under a stale ETag 412, a broken document 422 with every error's path, an administrator of an office
/// 403; GET gives the document and its ETag. The command line lists the added year and refuses a broken file at its
/// paths. Every change is audited.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CalendarAdministrationTests
{
    [Fact]
    public async Task AnAdministratorAddsNextYearsNotice_ByPageAndAPI_AndBadDocumentsChangeNothing()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        await using var host = new SelfHostProcess(account.Options.Prefix, "Cal" + account.Options.Prefix[2..]);
        await host.StartAsync();
        var adminToken = await host.TokenAsync("admin-1", Role.Administrator, null);

        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var page = await context.NewPageAsync();
        await Chromium.SignInAsync(page, adminToken, "/api/pages/todo");
        var link = page.Locator("nav a", new() { HasText = "工作日日历" });
        await link.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Chromium.WaitForUrlAsync(page, "**/api/pages/calendar");
        Assert.Equal("工作日日历", await page.InnerTextAsync("h1"));
        Assert.Equal(["2026"], await page.Locator("#years tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.year)"));
        Assert.Contains("随软件提供", await page.InnerTextAsync("#years tr[data-year='2026']"), StringComparison.Ordinal);
        Assert.Contains("2026-02-14、2026-02-28", await page.InnerTextAsync("#year-2026"), StringComparison.Ordinal);
        await Chromium.AssertAccessibleAsync(page);

        // A broken document: each error beside the field with its JSON path, what was pasted kept, nothing stored.
        var before = await StorageSnapshot.TakeAsync(account);
        var broken = CalendarSamples.Year2027With("\"2027-05-08\"", "\"2027-05-07\"").Replace("\"name\": \"中秋节\"", "\"name\": \"中秋\"", StringComparison.Ordinal);
        await page.FillAsync("#document", broken);
        var refused = await Chromium.SubmitAsync(page);
        Assert.Equal(422, refused.Status);
        var beside = await page.InnerTextAsync("#document-error");
        Assert.Contains("$.holidays[3].workedDays[1]：调休上班日应为 2027 年的周六或周日", beside, StringComparison.Ordinal);
        Assert.Contains("$.holidays[5].name：应为法定节日之一", beside, StringComparison.Ordinal);
        Assert.Equal(("true", broken), (await page.GetAttributeAsync("#document", "aria-invalid"), await page.InputValueAsync("#document")));
        Assert.Contains("$.holidays：应包含当年全部法定节日，缺少中秋节", beside, StringComparison.Ordinal);
        Assert.Equal(3, await page.Locator("#errors li").CountAsync());
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        await Chromium.AssertShownAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "calendar-refused");

        // The 2027 sample, submitted by keyboard.
        await page.FillAsync("#document", CalendarSamples.Year2027);
        await page.FocusAsync("#document");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("添加", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        var added = await Chromium.SubmitByKeyAsync(page);
        Assert.True(added.Status == 200, await page.InnerTextAsync("main"));
        Assert.Contains("已添加 2027 年", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.Contains("管理员添加", await page.InnerTextAsync("#years tr[data-year='2027']"), StringComparison.Ordinal);
        Assert.Contains("2027-01-31、2027-02-20", await page.InnerTextAsync("#year-2027"), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "calendar-added");

        // A corrected notice through the page: the year's form, filled and carrying its version, replaces it.
        await page.ClickAsync("#years tr[data-year='2027'] a[href*='replace=']");
        await Chromium.WaitForUrlAsync(page, "**/api/pages/calendar?replace=2027**");
        Assert.Equal("按更正通知替换", await page.InnerTextAsync("h2#add"));
        Assert.Equal(1, await page.Locator("input[name=etag]").CountAsync());
        Assert.Contains("测试样例：2027年", await page.InputValueAsync("#document"), StringComparison.Ordinal);
        await page.FillAsync("#document", CalendarSamples.Year2027With("测试样例", "测试样例（页面更正）"));
        var replaced = await Chromium.SubmitAsync(page);
        Assert.True(replaced.Status == 200, await page.InnerTextAsync("main"));
        Assert.Contains("已按更正通知替换 2027 年", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.Contains("测试样例（页面更正）", await page.InnerTextAsync("#years tr[data-year='2027']"), StringComparison.Ordinal);

        // English available.
        await page.GotoAsync("/api/pages/calendar?lang=en");
        Assert.Equal(("Working-day calendar", "Add a year"), (await page.InnerTextAsync("h1"), await page.InnerTextAsync("h2#add")));
        await Chromium.AssertAccessibleAsync(page);

        // A forged form: refused, nothing changed.
        var afterAdd = await StorageSnapshot.TakeAsync(account);
        var forged = await context.APIRequest.PostAsync("/api/pages/calendar", new APIRequestContextOptions
        {
            Form = context.APIRequest.CreateFormData().Set("document", CalendarSamples.Year2027),
        });
        Assert.Equal(400, forged.Status);

        // The appraisal office reads the calendar, without the form.
        await using (var officeContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() }))
        {
            var office = await officeContext.NewPageAsync();
            await Chromium.SignInAsync(office, await host.TokenAsync("office-1", Role.AppraisalOffice, "sample-basic"), "/api/pages/calendar");
            Assert.Equal(2, await office.Locator("#years tbody tr").CountAsync());
            Assert.Equal(0, await office.Locator("#document, form.stack").CountAsync());
        }

        Assert.Equal(afterAdd, await StorageSnapshot.TakeAsync(account));

        using var http = new HttpClient { BaseAddress = host.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        var years = JsonDocument.Parse(await http.GetStringAsync("api/calendar/years")).RootElement.GetProperty("years");
        Assert.Equal([(2026, "Shipped"), (2027, "Added")], years.EnumerateArray().Select(y => (y.GetProperty("year").GetInt32(), y.GetProperty("source").GetString())));

        using var got = await http.GetAsync("api/calendar/years/2027");
        var etag = got.Headers.GetValues("ETag").Single();
        Assert.Equal(2027, JsonDocument.Parse(await got.Content.ReadAsStringAsync()).RootElement.GetProperty("year").GetInt32());

        Assert.Equal(HttpStatusCode.Conflict, (await PutAsync(http, CalendarSamples.Year2027, null)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await PutAsync(http, CalendarSamples.Year2027, "*", ifNoneMatch: true)).Status);
        var bad = await PutAsync(http, CalendarSamples.Year2027With("\"name\": \"清明节\"", "\"name\": \"清明\""), etag);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.Status);
        Assert.Equal("$.holidays[2].name", bad.Problem.GetProperty("field").GetString());
        Assert.Contains(bad.Problem.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains("$.holidays[2].name", StringComparison.Ordinal));
        Assert.Equal(afterAdd, await StorageSnapshot.TakeAsync(account));

        // A corrected notice under the ETag read; the same ETag again is stale.
        var corrected = await PutAsync(http, CalendarSamples.Year2027With("测试样例", "测试样例（更正）"), etag);
        Assert.Equal(HttpStatusCode.OK, corrected.Status);
        var afterReplace = await StorageSnapshot.TakeAsync(account);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await PutAsync(http, CalendarSamples.Year2027, etag)).Status);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await host.TokenAsync("admin-o", Role.Administrator, "sample-basic"));
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(http, CalendarSamples.Year2027, null)).Status);
        Assert.Equal(afterReplace, await StorageSnapshot.TakeAsync(account));

        var entries = await new AuditLog(account).ReadAsync(CalendarAdministration.AuditChain.Office, CalendarAdministration.AuditChain.Period);
        Assert.Equal([(CalendarAdministration.AddedAction, "admin-1"), (CalendarAdministration.ReplacedAction, "admin-1"), (CalendarAdministration.ReplacedAction, "admin-1")], entries.Select(e => (e.Action, e.Actor)));

        var (code, output, error) = await host.RunCliAsync(TimeSpan.FromMinutes(2), "calendar", "list");
        Assert.True(code == 0, error);
        Assert.Contains("2027  已添加  测试样例（更正）", output, StringComparison.Ordinal);

        // A broken file at the console: every error with its path, exit 1, nothing stored.
        var file = Path.Combine(Path.GetTempPath(), $"calendar-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, CalendarSamples.Year2027With("\"2027-05-08\"", "\"2027-05-07\""));
        try
        {
            var (badCode, _, badError) = await host.RunCliAsync(TimeSpan.FromMinutes(2), "calendar", "add", file, "--replace");
            Assert.Equal(1, badCode);
            Assert.Contains("$.holidays[3].workedDays[1]", badError, StringComparison.Ordinal);
            Assert.Equal(afterReplace, await StorageSnapshot.TakeAsync(account));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(HttpStatusCode Status, JsonElement Problem)> PutAsync(HttpClient http, string document, string? tag, bool ifNoneMatch = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "api/calendar/years/2027") { Content = new StringContent(document, Encoding.UTF8, "application/json") };
        if (tag is not null)
        {
            request.Headers.TryAddWithoutValidation(ifNoneMatch ? "If-None-Match" : "If-Match", tag);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonDocument.Parse(body).RootElement.Clone() : default);
    }
}
