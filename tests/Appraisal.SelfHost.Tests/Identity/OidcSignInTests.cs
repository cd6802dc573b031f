using System.Net;
using Appraisal.Domain.Organisation;
using Appraisal.SelfHost.Identity;
using Appraisal.SelfHost.Tests.Hosting;
using Appraisal.Storage.Audit;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Identity;

/// <summary>The self-host (a child process, <c>SignIn:Directory=Oidc</c>) and an OpenID Connect provider in the test
/// process on loopback, one pair for the class: discovery, redirects and the code exchange are all real.</summary>
public sealed class OidcHost : IAsyncLifetime
{
    public const string Password = "correct horse";

    public CycleFixture Fixture { get; private set; } = null!;

    public OidcProvider Provider { get; private set; } = null!;

    public SelfHostProcess Host { get; private set; } = null!;

    /// <summary>A department head of D03, in the heads' group.</summary>
    public Person Head { get; private set; } = null!;

    /// <summary>A staff member in no group the settings map.</summary>
    public Person Unmapped { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Fixture = await CycleFixture.CreateAsync("2026-Q1");
        var people = Fixture.Sample.Organisation.People;
        Head = people.First(p => p.Post == LeadershipPost.DepartmentHead && p.DepartmentId == "D03");
        Unmapped = people.First(p => p.Post != LeadershipPost.DepartmentHead && p.DepartmentId == "D03");
        Provider = new OidcProvider(
        [
            new OidcUser("head", Password, Head.Id, Head.DepartmentId, ["CN=Heads,OU=Groups", "CN=Staff,OU=Groups"]),
            new OidcUser("unmapped", Password, Unmapped.Id, Unmapped.DepartmentId, ["CN=Contractors,OU=Groups"]),
            new OidcUser("denied", Password, Unmapped.Id, Unmapped.DepartmentId, ["CN=Staff,OU=Groups"], Denied: true),
        ]);
        Host = new SelfHostProcess(Fixture.Prefix, "Oi" + Fixture.Prefix[2..], new Dictionary<string, string>
        {
            ["SignIn__Directory"] = "Oidc",
            ["SignIn__OfficeId"] = CycleFixture.Office,
            ["SignIn__Oidc__Authority"] = Provider.Url.ToString().TrimEnd('/'),
            ["SignIn__Oidc__ClientId"] = OidcProvider.ClientId,
            ["SignIn__Oidc__ClientSecret"] = Provider.ClientSecret,
            ["SignIn__Oidc__RequireHttpsMetadata"] = "false",
            ["SignIn__RoleGroups__DepartmentHead__0"] = "cn=heads,ou=groups",
            ["SignIn__RoleGroups__Staff__0"] = "CN=Staff,OU=Groups",
        });
        await Provider.StartAsync(new Uri(Host.Url, "/signin/oidc/callback"));
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>OpenID Connect sign-in in Chromium with JavaScript off: through the provider's login to the person's to-do
/// list; refused with a readable page for someone in no mapped group, a forged or replayed answer, and the provider's
/// own refusal; a return address elsewhere never followed.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OidcSignInTests(OidcHost oidc) : IClassFixture<OidcHost>
{
    private const string Todo = "/api/pages/todo";

    private Task<IBrowserContext> ContextAsync() =>
        Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = oidc.Host.Url.ToString() });

    [Fact]
    public async Task ADepartmentHead_SignsInThroughTheProvider_AndLandsOnTheirToDoList()
    {
        await using var context = await ContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/signin?returnUrl={Uri.EscapeDataString(Todo)}");
        await Chromium.AssertAccessibleAsync(page);
        await page.FocusAsync("a:has-text('使用本院统一身份认证登录')");
        await page.Keyboard.PressAsync("Enter");
        await Chromium.WaitForUrlAsync(page, oidc.Provider.Url + "login?**");
        await LogInAtProviderAsync(page, "head");

        await Chromium.WaitForUrlAsync(page, oidc.Host.Url.ToString().TrimEnd('/') + Todo);
        Assert.Equal("我的待办", await page.InnerTextAsync("h1"));
        Assert.Contains(oidc.Head.Id, await page.InnerTextAsync("header"), StringComparison.Ordinal);
        Assert.Contains(await context.CookiesAsync(), c => c.Name == BrowserSessions.Cookie && c.HttpOnly);
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "oidc-sign-in-landing");
        var audit = await new AuditLog(oidc.Fixture.Account).ReadAsync(CycleFixture.Office, SignInAudit.Period(DateTimeOffset.UtcNow));
        Assert.Contains(audit, e => e.Action == SignInAudit.SignedIn && e.Target == oidc.Head.Id && e.After!.Contains("\"method\":\"oidc\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SomeoneInNoMappedGroup_IsRefusedWithAReadablePage_AndGetsNoSession()
    {
        await using var context = await ContextAsync();
        var page = await context.NewPageAsync();
        var callbacks = await SignInThroughProviderAsync(page, OidcSignIn.Path, "unmapped");

        await Chromium.WaitForUrlAsync(page, oidc.Host.Url + "signin/oidc/callback?**");
        Assert.Equal([403], callbacks);
        Assert.Contains("未获本系统的任何角色", await page.InnerTextAsync("[role=alert]"), StringComparison.Ordinal);
        Assert.StartsWith("/signin?", await page.GetAttributeAsync("main a", "href"), StringComparison.Ordinal);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == BrowserSessions.Cookie);
        await Chromium.AssertShownAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "oidc-sign-in-refused-no-role");
        var audit = await new AuditLog(oidc.Fixture.Account).ReadAsync(CycleFixture.Office, SignInAudit.Period(DateTimeOffset.UtcNow));
        var failed = Assert.Single(audit, e => e.Action == SignInAudit.Failed && e.Target == "unmapped");
        Assert.Contains("no mapped role", failed.After, StringComparison.Ordinal);
        Assert.Contains("\"method\":\"oidc\"", failed.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AForgedAnswer_IsRefusedWithAReadablePage_AndGetsNoSession()
    {
        await using var context = await ContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/signin/oidc/callback?code=made-up-code&state=made-up-state");

        Assert.Equal(400, response?.Status);
        Assert.Contains("登录回应无效或已使用过", await page.InnerTextAsync("[role=alert]"), StringComparison.Ordinal);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == BrowserSessions.Cookie);
        await Chromium.AssertShownAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "oidc-sign-in-refused-forged");
    }

    /// <summary>A browser's way to the provider and back is walked by hand up to the provider's answer (code and
    /// state), which is held with the cookies of that moment; the browser then signs in with it; the same answer opened
    /// again — in a fresh browser, and in one given the held cookies too, whose code the provider then refuses to
    /// redeem twice — is refused each time. (Chromium cannot hold it: routes do not see redirected requests.)</summary>
    [Fact]
    public async Task AReplayedAnswer_IsRefused_EvenWithTheCookiesOfTheFirst()
    {
        var (answer, held) = await ProviderAnswerAsync("head");

        await using var context = await ContextAsync();
        await context.AddCookiesAsync(held);
        var page = await context.NewPageAsync();
        await page.GotoAsync(answer.ToString());
        await Chromium.WaitForUrlAsync(page, oidc.Host.Url.ToString().TrimEnd('/') + Todo);
        Assert.Equal("我的待办", await page.InnerTextAsync("h1"));

        await using var fresh = await ContextAsync();
        var again = await fresh.NewPageAsync();
        Assert.Equal(400, (await again.GotoAsync(answer.ToString()))?.Status);
        Assert.Contains("登录回应无效或已使用过", await again.InnerTextAsync("[role=alert]"), StringComparison.Ordinal);
        Assert.DoesNotContain(await fresh.CookiesAsync(), c => c.Name == BrowserSessions.Cookie);

        await using var thief = await ContextAsync();
        await thief.AddCookiesAsync(held);
        var refusedBefore = oidc.Provider.RefusedRedemptions;
        var stolen = await thief.NewPageAsync();
        Assert.Equal(400, (await stolen.GotoAsync(answer.ToString()))?.Status);
        Assert.Contains("登录回应无效或已使用过", await stolen.InnerTextAsync("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal(refusedBefore + 1, oidc.Provider.RefusedRedemptions);
        Assert.DoesNotContain(await thief.CookiesAsync(), c => c.Name == BrowserSessions.Cookie);
    }

    /// <summary>The self-host's challenge, the provider's login and its answer, followed by hand: the answer's address
    /// and the self-host's cookies (correlation, nonce) a browser would hold then.</summary>
    private async Task<(Uri Answer, Microsoft.Playwright.Cookie[] Cookies)> ProviderAnswerAsync(string user)
    {
        var jar = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar });
        var at = new Uri(oidc.Host.Url, OidcSignIn.Path);
        for (var hops = 0; hops < 5 && at.AbsolutePath != "/signin/oidc/callback"; hops++)
        {
            using var response = at.AbsolutePath == "/login"
                ? await http.PostAsync(at, new FormUrlEncodedContent([new("username", user), new("password", OidcHost.Password), new("returnUrl", System.Web.HttpUtility.ParseQueryString(at.Query)["ReturnUrl"])]))
                : await http.GetAsync(at);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            at = new Uri(at, response.Headers.Location!);
        }

        Assert.Equal("/signin/oidc/callback", at.AbsolutePath);
        var cookies = jar.GetAllCookies().Where(c => c.Name.StartsWith(".AspNetCore.", StringComparison.Ordinal)).ToList();
        Assert.Contains(cookies, c => c.Name.StartsWith(".AspNetCore.Correlation.", StringComparison.Ordinal));
        return (at, cookies.Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, SameSite = SameSiteAttribute.Lax }).ToArray());
    }

    [Theory]
    [InlineData("//evil.example/todo")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task AReturnAddressElsewhere_IsNeverFollowed_TheToDoListIs(string returnUrl)
    {
        await using var context = await ContextAsync();
        var page = await context.NewPageAsync();
        var hosts = new List<string>();
        page.Request += (_, r) => hosts.Add(new Uri(r.Url).Host);
        await SignInThroughProviderAsync(page, $"{OidcSignIn.Path}?returnUrl={Uri.EscapeDataString(returnUrl)}", "head");

        await Chromium.WaitForUrlAsync(page, oidc.Host.Url.ToString().TrimEnd('/') + Todo);
        Assert.Equal("我的待办", await page.InnerTextAsync("h1"));
        Assert.All(hosts, h => Assert.Equal("127.0.0.1", h));
    }

    [Fact]
    public async Task TheProvidersRefusal_AccessDenied_IsShownAsAReadablePage()
    {
        await using var context = await ContextAsync();
        var page = await context.NewPageAsync();
        var callbacks = await SignInThroughProviderAsync(page, OidcSignIn.Path, "denied");

        await Chromium.WaitForUrlAsync(page, oidc.Host.Url + "signin/oidc/callback?**");
        Assert.Equal([401], callbacks);
        Assert.Contains("error=access_denied", page.Url, StringComparison.Ordinal);
        Assert.Contains("统一身份认证未让您登录", await page.InnerTextAsync("[role=alert]"), StringComparison.Ordinal);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == BrowserSessions.Cookie);
        await Chromium.AssertShownAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "oidc-sign-in-refused-by-provider");
    }

    [Fact]
    public async Task TheChallengeAsksForTheCodeWithPkce_AnswerInTheQuery()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = oidc.Host.Url };
        using var response = await http.GetAsync(new Uri(OidcSignIn.Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = System.Web.HttpUtility.ParseQueryString(response.Headers.Location!.Query);
        Assert.Equal(oidc.Provider.Url + "connect/authorize", response.Headers.Location.GetLeftPart(UriPartial.Path));
        Assert.Equal(("code", "S256", OidcProvider.ClientId), (query["response_type"], query["code_challenge_method"], query["client_id"]));
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));

        // The answer in the query, the code flow's default (the handler names no response_mode then): no form to post.
        Assert.Null(query["response_mode"]);
        Assert.Equal(["openid", "profile"], query["scope"]!.Split(' '));
        Assert.All(response.Headers.GetValues("Set-Cookie"), c => Assert.Contains("samesite=lax", c, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Opens <paramref name="start"/>, which leads to the provider's login form, and signs in there as
    /// <paramref name="user"/>; answers with the statuses the self-host's callback path answers with, as they come.</summary>
    private async Task<List<int>> SignInThroughProviderAsync(IPage page, string start, string user)
    {
        await page.GotoAsync(start);
        await Chromium.WaitForUrlAsync(page, oidc.Provider.Url + "login?**");
        var statuses = new List<int>();
        page.Response += (_, r) =>
        {
            if (new Uri(r.Url).AbsolutePath == "/signin/oidc/callback")
            {
                statuses.Add(r.Status);
            }
        };
        await LogInAtProviderAsync(page, user);
        return statuses;
    }

    /// <summary>Fills in the provider's login form and submits it; answers with the response to the POST.</summary>
    private static async Task<IResponse> LogInAtProviderAsync(IPage page, string user)
    {
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", OidcHost.Password);
        return await Chromium.SubmitAsync(page);
    }
}
