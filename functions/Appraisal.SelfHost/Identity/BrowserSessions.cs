using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Appraisal.SelfHost.Identity;

// A STAND-IN for the browser-session core being written on main (same contract), so the OpenID Connect sign-in can be
// built and tested before it lands; main's file replaces this one whole when merged.
public enum SignInMethod
{
    Token,
    Demo,
    Ldap,
    Oidc,
}

/// <summary>Stand-in: the session is the self-host's bearer token in the sign-in cookie.</summary>
public sealed class BrowserSessions(JwtTokens tokens, ILogger<BrowserSessions> log)
{
    public async Task<IResult> StartAsync(HttpContext http, Caller caller, SignInMethod method, string account, string? returnUrl, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(http);
        var token = await tokens.IssueAsync(caller, null, cancel).ConfigureAwait(false);
        http.Response.Cookies.Append(SignInEndpoints.Cookie, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, Path = "/" });
        log.LogInformation("signin {Method} {Account}", method, account);
        return Results.Redirect(SignInPages.IsLocalReturn(returnUrl) && returnUrl != "/" ? returnUrl! : "/" + EndpointCatalog.RoutePrefix + "/pages/todo");
    }
}

/// <summary>Stand-in: refused sign-ins are logged.</summary>
public sealed class SignInAudit(ILogger<SignInAudit> log)
{
    public Task FailedAsync(HttpContext http, SignInMethod method, string account, string reason, CancellationToken cancel)
    {
        log.LogWarning("signin.failed {Method} {Account} {Reason}", method, account, reason);
        return Task.CompletedTask;
    }
}

/// <summary>Stand-in: the sign-in pages' shared parts.</summary>
public static class SignInPages
{
    public static IResult Refused(HttpRequest request, string zh, string en, int status)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = RequestLanguage.Of(request);
        var content = $"""
            <p class="warn" role="alert">{Html.E(Html.T(language, zh, en))}</p>
            <p><a href="{SignInEndpoints.Path}">{Html.E(Html.T(language, "返回登录", "Back to sign-in"))}</a></p>
            """;
        return Results.Content(Html.Page(language, Html.T(language, "登录", "Sign in"), Html.T(language, "检察机关绩效考核（自托管）", "Procuratorate performance appraisal (self-host)"), content),
            "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }

    public static bool IsLocalReturn(string? url) => url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
