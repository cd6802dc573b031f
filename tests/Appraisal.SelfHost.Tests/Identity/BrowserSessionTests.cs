using System.Net;
using Appraisal.SelfHost.Identity;
using Appraisal.SelfHost.Tests.Hosting;
using Appraisal.Storage.Audit;
using Appraisal.Workflow.Identity;

namespace Appraisal.SelfHost.Tests.Identity;

/// <summary>Browser sessions of a running self-host: kept on the server, so signing out or timing out ends them for a
/// copied cookie too; the cookie's flags; the forms' anti-forgery value; the return address kept on this host; the
/// forwarded headers believed from configured proxies only; each sign-in, refusal and sign-out in the audit log.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BrowserSessionTests
{
    private const string ToDo = "/api/pages/todo";

    [Fact]
    public async Task ASignedOutSession_IsEndedOnTheServer_AndEachStepIsAudited()
    {
        var (fixture, person) = await OfficeAsync();
        await using var host = new SelfHostProcess(fixture.Prefix, "Bs" + fixture.Prefix[2..]);
        await host.StartAsync();
        var token = await host.TokenAsync(person.Id, Role.Staff, CycleFixture.Office, person.DepartmentId);
        using var browser = new SignInClient(host.Url);

        using var signIn = await browser.PostSignInAsync(("token", token), ("returnUrl", ToDo));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(ToDo, signIn.Headers.Location?.OriginalString);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("appraisal-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(token, cookie, StringComparison.Ordinal);
        var copied = browser.Session!;
        using (var page = await browser.Http.GetAsync(new Uri(ToDo, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("/signout", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var signOut = await browser.Http.PostAsync(new Uri("/signout", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.StartsWith("/signin?signedOut=1", signOut.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Null(browser.Session);

        // The cookie as it was before signing out (copied, say, from the machine) signs no one in any more.
        using var replay = new HttpRequestMessage(HttpMethod.Get, new Uri(host.Url, ToDo));
        replay.Headers.Add("Cookie", $"appraisal-session={copied}");
        using var refused = await new HttpClient().SendAsync(replay);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("登录已超时或已退出", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var wrong = await browser.PostSignInAsync(("token", token[..^4] + "AAAA"), ("returnUrl", ToDo));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Null(browser.Session);

        var audit = await new AuditLog(fixture.Account).ReadAsync(CycleFixture.Office, SignInAudit.Period(DateTimeOffset.UtcNow));
        Assert.Equal(["signin", "signout"], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal(person.Id, e.Target));
        Assert.Contains("\"method\":\"token\"", audit[0].After, StringComparison.Ordinal);
        var failed = Assert.Single(await new AuditLog(fixture.Account).ReadAsync("directory", SignInAudit.Period(DateTimeOffset.UtcNow)));
        Assert.Equal(("signin.failed", "(token)"), (failed.Action, failed.Actor));
        Assert.DoesNotContain(token[..20], string.Join(' ', audit.Append(failed).Select(e => e.After)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASession_SlidesWhileUsed_AndEndsOnceIdle()
    {
        var (fixture, person) = await OfficeAsync();
        await using var host = new SelfHostProcess(fixture.Prefix, "Bi" + fixture.Prefix[2..], new Dictionary<string, string> { ["SignIn__IdleTimeout"] = "00:00:04" });
        await host.StartAsync();
        using var browser = new SignInClient(host.Url);
        using var signIn = await browser.PostSignInAsync(("token", await host.TokenAsync(person.Id, Role.Staff, CycleFixture.Office, person.DepartmentId)), ("returnUrl", ToDo));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // Used every 1.5 s for 6 s — longer than the idle time — the session lives on.
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < TimeSpan.FromSeconds(6))
        {
            using var page = await browser.Http.GetAsync(new Uri(ToDo, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            await Task.Delay(1500);
        }

        await Task.Delay(TimeSpan.FromSeconds(5));
        using var idle = await browser.Http.GetAsync(new Uri(ToDo, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, idle.StatusCode);
        var text = await idle.Content.ReadAsStringAsync();
        Assert.Contains("登录已超时或已退出", text, StringComparison.Ordinal);
        Assert.Contains("/signin?returnUrl=", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheForms_RefuseAPostWithoutTheirAntiForgeryValue_AndKeepTheReturnOnThisHost()
    {
        var (fixture, person) = await OfficeAsync();
        await using var host = new SelfHostProcess(fixture.Prefix, "Bf" + fixture.Prefix[2..]);
        await host.StartAsync();
        var token = await host.TokenAsync(person.Id, Role.Staff, CycleFixture.Office, person.DepartmentId);

        // A page elsewhere posting the form (login CSRF): no anti-forgery value, no session.
        using (var forged = new SignInClient(host.Url))
        {
            using var posted = await forged.Http.PostAsync(new Uri("/signin", UriKind.Relative), new FormUrlEncodedContent([new("token", token), new("returnUrl", ToDo)]));
            Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
            Assert.Contains("登录表单已失效", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Null(forged.Session);
        }

        foreach (var offSite in new[] { "//evil.example/x", "/\\evil.example", "/\t/evil.example", "https://evil.example/", "/%0d%0aSet-Cookie:x=1", "/a\r\nb" })
        {
            using var browser = new SignInClient(host.Url);
            using var signIn = await browser.PostSignInAsync(("token", token), ("returnUrl", offSite));
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            var location = signIn.Headers.Location!.OriginalString;
            Assert.True(location == ToDo || location == offSite && offSite.StartsWith("/%", StringComparison.Ordinal), $"{offSite} → {location}");
        }
    }

    [Fact]
    public async Task ForwardedHeaders_AreBelievedFromTheConfiguredProxyOnly()
    {
        var (fixture, person) = await OfficeAsync();
        await using var open = new SelfHostProcess(fixture.Prefix, "Bp" + fixture.Prefix[2..]);
        await using var proxied = new SelfHostProcess(fixture.Prefix, "Bq" + fixture.Prefix[2..], new Dictionary<string, string> { ["SelfHost__KnownProxies__0"] = "127.0.0.1" });
        await Task.WhenAll(open.StartAsync(), proxied.StartAsync());

        async Task<(string Cookie, string? Address)> SignInBehindProxyAsync(SelfHostProcess host)
        {
            using var browser = new SignInClient(host.Url);
            var af = await browser.OpenSignInAsync();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/signin", UriKind.Relative))
            {
                Content = new FormUrlEncodedContent([new("af", af), new("token", await host.TokenAsync(person.Id, Role.Staff, CycleFixture.Office, person.DepartmentId)), new("returnUrl", ToDo)]),
            };
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "10.9.8.7");
            using var response = await browser.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var audit = await new AuditLog(fixture.Account).ReadAsync(CycleFixture.Office, SignInAudit.Period(DateTimeOffset.UtcNow));
            return (response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("appraisal-session=", StringComparison.Ordinal)), audit[^1].After);
        }

        var (direct, directAudit) = await SignInBehindProxyAsync(open);
        Assert.DoesNotContain("secure", direct, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"address\":\"127.0.0.1\"", directAudit, StringComparison.Ordinal);

        var (forwarded, forwardedAudit) = await SignInBehindProxyAsync(proxied);
        Assert.Contains("secure", forwarded, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"address\":\"10.9.8.7\"", forwardedAudit, StringComparison.Ordinal);
    }

    private static async Task<(CycleFixture Fixture, Domain.Organisation.Person Person)> OfficeAsync()
    {
        var fixture = await CycleFixture.CreateAsync("2026-Q1");
        return (fixture, fixture.Sample.Organisation.People.First(p => p.Post != Domain.Organisation.LeadershipPost.DepartmentHead && p.DepartmentId == "D03"));
    }
}
