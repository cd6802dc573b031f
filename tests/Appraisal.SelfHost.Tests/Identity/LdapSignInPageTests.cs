using Appraisal.SelfHost.Identity;
using Appraisal.SelfHost.Tests.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Identity;

/// <summary>Signing in with the office's LDAP directory in Chromium, JavaScript off: <c>appraisal serve</c> with
/// <c>SignIn:Directory=Ldap</c> against a real slapd holding people of the sample office. The department head lands on
/// their to-do list; a wrong password, an account locked after five of them, and someone in no mapped group are each
/// refused with a readable page.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LdapSignInPageTests(SlapdFixture slapd) : IClassFixture<SlapdFixture>
{
    private const string ToDo = "/api/pages/todo";

    private readonly SampleDirectory _people = slapd.Directory;

    private async Task<SelfHostProcess> StartHostAsync(CycleFixture fixture, LdapSecurity security = LdapSecurity.Ldaps)
    {
        var settings = slapd.Server.HostSettings(security);
        foreach (var (name, value) in SampleDirectory.RoleGroupSettings())
        {
            settings[name] = value;
        }

        settings["SignIn__OfficeId"] = CycleFixture.Office;
        var host = new SelfHostProcess(fixture.Prefix, "Ld" + fixture.Prefix[2..], settings);
        await host.StartAsync();
        return host;
    }

    private static async Task<IPage> SignInPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/signin?returnUrl={Uri.EscapeDataString(ToDo)}");
        return page;
    }

    private static async Task<IResponse> SignInAsync(IPage page, DirectoryPerson person, string password)
    {
        await page.FillAsync("#user", person.Uid);
        await page.FillAsync("#password", password);
        return await Chromium.SubmitAsync(page);
    }

    private static async Task AssertNoSessionAsync(IBrowserContext context) =>
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == BrowserSessions.Cookie);

    /// <summary>The sign-in was answered with <paramref name="status"/> and a readable page whose alert says
    /// <paramref name="says"/>, accessible, and no session; a screenshot is kept.</summary>
    private static async Task AssertRefusedAsync(IPage page, IResponse response, int status, string says, string screenshot)
    {
        Assert.Equal(status, response.Status);
        Assert.Contains(says, await page.InnerTextAsync("[role=alert]"), StringComparison.Ordinal);
        await AssertNoSessionAsync(page.Context);
        await Chromium.AssertShownAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, screenshot);
    }

    [Fact]
    public async Task TheHead_SignsInByKeyboardWithTheirPassword_AndLandsOnTheirToDoList()
    {
        var fixture = await CycleFixture.CreateAsync("2026-Q1");
        await using var host = await StartHostAsync(fixture, LdapSecurity.StartTls);
        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var page = await SignInPageAsync(context);
        Assert.Equal(0, await page.Locator("#token").CountAsync());
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "ldap-sign-in");

        await page.FocusAsync("#user");
        await page.Keyboard.TypeAsync(_people.Head.Uid);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(_people.Head.Password);
        await Chromium.SubmitByKeyAsync(page);
        await Chromium.WaitForUrlAsync(page, "**" + ToDo);

        Assert.Equal("我的待办", await page.InnerTextAsync("h1"));
        Assert.Contains(_people.Head.PersonId!, await page.InnerTextAsync("header"), StringComparison.Ordinal);
        Assert.Contains(await context.CookiesAsync(), c => c.Name == BrowserSessions.Cookie && c.HttpOnly);
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "ldap-signed-in-todo");
    }

    [Fact]
    public async Task AWrongPassword_IsRefused_AndFiveLockTheAccount_EvenAgainstTheRightOne()
    {
        var fixture = await CycleFixture.CreateAsync("2026-Q1");
        var started = DateTimeOffset.UtcNow;
        await using var host = await StartHostAsync(fixture);
        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var page = await SignInPageAsync(context);

        await AssertRefusedAsync(page, await SignInAsync(page, _people.Staff, _people.Staff.Password + "x"), 401, "用户名或密码错误", "ldap-wrong-password");
        Assert.Equal(1, await page.Locator("#password").CountAsync());
        Assert.Equal((_people.Staff.Uid, string.Empty), (await page.InputValueAsync("#user"), await page.InputValueAsync("#password")));

        for (var i = 2; i <= 5; i++)
        {
            Assert.Equal(401, (await SignInAsync(page, _people.Staff, $"wrong-{i}")).Status);
        }

        await AssertRefusedAsync(page, await SignInAsync(page, _people.Staff, _people.Staff.Password), 429, "锁定", "ldap-locked");

        // The lock is the account's (this address may fail 20 times): someone else still signs in from this browser.
        Assert.Equal($"/signin?returnUrl={Uri.EscapeDataString(ToDo)}", await page.GetAttributeAsync("text=返回登录页", "href"));
        page = await SignInPageAsync(context);
        await SignInAsync(page, _people.Head, _people.Head.Password);
        await Chromium.WaitForUrlAsync(page, "**" + ToDo);
        Assert.Contains(_people.Head.PersonId!, await page.InnerTextAsync("header"), StringComparison.Ordinal);

        // Audited in the office's sign-in chain: five wrong passwords, the locked try, the head's sign-in; no password.
        var audit = new Storage.Audit.AuditLog(fixture.Account);
        var entries = (await audit.ReadAsync(CycleFixture.Office, SignInAudit.Period(started))).Concat(SignInAudit.Period(started) == SignInAudit.Period(DateTimeOffset.UtcNow) ? [] : await audit.ReadAsync(CycleFixture.Office, SignInAudit.Period(DateTimeOffset.UtcNow))).ToList();
        var staff = entries.Where(e => e.Actor == _people.Staff.Uid).ToList();
        Assert.Equal(6, staff.Count(e => e.Action == SignInAudit.Failed));
        Assert.Equal(5, staff.Count(e => e.After!.Contains("bad credentials", StringComparison.Ordinal)));
        Assert.Equal(1, staff.Count(e => e.After!.Contains("locked out", StringComparison.Ordinal)));
        Assert.Contains(entries, e => e.Action == SignInAudit.SignedIn && e.Actor == _people.Head.Uid && e.Target == _people.Head.PersonId);
        Assert.DoesNotContain(entries, e => new[] { _people.Staff.Password, "wrong-2", _people.Head.Password }.Any(p => $"{e.Before}{e.After}{e.Target}".Contains(p, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SomeoneInNoMappedGroup_IsRefused_WithAReadablePage()
    {
        var fixture = await CycleFixture.CreateAsync("2026-Q1");
        await using var host = await StartHostAsync(fixture);
        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var page = await SignInPageAsync(context);

        await AssertRefusedAsync(page, await SignInAsync(page, _people.Unmapped, _people.Unmapped.Password), 403, "您不在任何已授权的用户组中", "ldap-no-group");

        var noId = await SignInAsync(await SignInPageAsync(context), _people.NoPersonId, _people.NoPersonId.Password);
        Assert.Equal(403, noId.Status);
    }

    [Fact]
    public void PlainLdapNotAllowed_StopsTheHostFromStarting_NamingTheSetting()
    {
        var settings = slapd.Server.HostSettings(LdapSecurity.None);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value))).Build();
        using var services = new ServiceCollection().AddLogging().AddSelfHostIdentity(configuration).BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("SignIn:Ldap:Security: None sends passwords unencrypted", refused.Message, StringComparison.Ordinal);
    }
}
