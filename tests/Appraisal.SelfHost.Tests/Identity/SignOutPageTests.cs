using Appraisal.SelfHost.Tests.Hosting;
using Appraisal.Workflow.Identity;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Identity;

/// <summary>Signing out as a person does, with the keyboard and JavaScript off: the navigation's 退出登录 leads to a page
/// that asks, its button ends the session and returns to the sign-in page saying so; the to-do list then wants a sign-in.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SignOutPageTests
{
    [Fact]
    public async Task ThePersonSignsOutByKeyboard_AndThePagesThenAskForASignIn()
    {
        var fixture = await CycleFixture.CreateAsync("2026-Q1");
        var person = fixture.Sample.Organisation.People.First(p => p.DepartmentId == "D03");
        await using var host = new SelfHostProcess(fixture.Prefix, "So" + fixture.Prefix[2..]);
        await host.StartAsync();
        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var page = await context.NewPageAsync();
        await Chromium.SignInAsync(page, await host.TokenAsync(person.Id, Role.Staff, CycleFixture.Office, person.DepartmentId), "/api/pages/todo");

        for (var i = 0; i < 30 && await page.EvaluateAsync<string>("() => document.activeElement?.textContent ?? ''") != "退出登录"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Enter");
        await Chromium.WaitForUrlAsync(page, "**/signout");
        Assert.Equal("退出登录", await page.InnerTextAsync("h1"));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "sign-out-asks");

        await page.FocusAsync("button[type=submit]");
        var signedOut = await Chromium.SubmitByKeyAsync(page);
        Assert.Equal(302, signedOut.Status);
        Assert.EndsWith("/signin?signedOut=1", page.Url, StringComparison.Ordinal);
        Assert.Equal("您已退出登录。", await page.InnerTextAsync("[role=status]"));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "sign-out-done");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "appraisal-session");

        var todo = await page.GotoAsync("/api/pages/todo");
        Assert.Equal(401, todo!.Status);
        Assert.Contains("/signin?returnUrl=", await page.InnerHTMLAsync("main"), StringComparison.Ordinal);
    }
}
