using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Appraisal.Workflow.Identity;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>Storage that stops answering (its own Azurite, paused with SIGSTOP): a request does not hang for as long
/// as the freeze lasts. An API read and a page answer 503 with Retry-After within the host's Storage:RequestTimeout —
/// while the storage is still frozen — as does signing in; once storage answers again, the same requests answer 200.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageFreezeTests
{
    private const string Period = "2026-Q1";

    [Fact]
    public async Task StorageFrozen_AnApiReadAndAPage_Answer503WithRetryAfter_BeforeItThaws_AndRecoverAfter()
    {
        await using var azurite = new PrivateAzurite();
        await azurite.StartAsync();
        var fixture = await CycleFixture.CreateOnAsync(azurite.ConnectionString, Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Freeze" + fixture.Prefix[2..], new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Storage__RequestTimeout"] = "00:00:02",
        });
        await host.StartAsync();
        // Longer than the bound, far shorter than the freeze would last if nothing bounded it (the test's own timeout).
        using var http = new HttpClient { BaseAddress = host.Url, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await host.TokenAsync("office-1", Role.AppraisalOffice, CycleFixture.Office));
        var read = $"api/offices/{CycleFixture.Office}/organisation";
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(read, UriKind.Relative))).StatusCode);

        await using var browser = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var page = await browser.NewPageAsync();
        var imports = $"/api/pages/offices/{CycleFixture.Office}/imports";
        await Chromium.SignInAsync(page, await host.TokenAsync("office-1", Role.AppraisalOffice, CycleFixture.Office), imports);

        azurite.Pause();
        try
        {
            // The API: a problem naming storage, with when to retry — answered while storage is still frozen.
            using var frozen = await http.GetAsync(new Uri(read, UriKind.Relative));
            Assert.True(azurite.IsStopped, "the answer came only after storage thawed");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, frozen.StatusCode);
            Assert.Equal("application/problem+json", frozen.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(2), frozen.Headers.RetryAfter?.Delta);
            using var problem = JsonDocument.Parse(await frozen.Content.ReadAsStringAsync());
            Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Equal("storage", problem.RootElement.GetProperty("field").GetString());

            // The page: a readable page in Chinese saying to try again later, with the same Retry-After.
            var shown = await page.GotoAsync(imports);
            Assert.True(azurite.IsStopped, "the page came only after storage thawed");
            Assert.Equal(503, shown!.Status);
            Assert.Equal("2", await shown.HeaderValueAsync("retry-after"));
            Assert.Contains("暂时无法使用，请稍后重试", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
            Assert.Contains("存储在 2 秒内没有响应", await page.InnerTextAsync("main"), StringComparison.Ordinal);
            await Chromium.ScreenshotAsync(page, "storage-unavailable");
            await Chromium.AssertAccessibleAsync(page);

            // Signing in (its session is stored) answers the same way, by keyboard, without JavaScript.
            var other = await browser.NewPageAsync();
            await other.GotoAsync($"/signin?returnUrl={Uri.EscapeDataString(imports)}");
            await other.FillAsync("#token", await host.TokenAsync("office-2", Role.AppraisalOffice, CycleFixture.Office));
            await other.FocusAsync("button[type=submit]");
            var signIn = await Chromium.SubmitByKeyAsync(other);
            Assert.True(azurite.IsStopped, "the sign-in came back only after storage thawed");
            Assert.Equal(503, signIn.Status);
            Assert.Equal("2", await signIn.HeaderValueAsync("retry-after"));
            Assert.Contains("暂时无法使用，请稍后重试", await other.InnerTextAsync("h1"), StringComparison.Ordinal);
            await Chromium.ScreenshotAsync(other, "storage-unavailable-signin");
            await Chromium.AssertAccessibleAsync(other);
            Assert.True(azurite.IsStopped);
        }
        finally
        {
            azurite.Resume();
        }

        Assert.False(azurite.IsStopped);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(read, UriKind.Relative))).StatusCode);
        Assert.Equal(200, (await page.GotoAsync(imports))!.Status);
    }
}
