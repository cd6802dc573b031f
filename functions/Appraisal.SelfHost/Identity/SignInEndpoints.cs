using Appraisal.Domain.Text;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.SelfHost.Identity;

/// <summary>Signing a browser in to the self-host and out again. The sign-in page offers what <see cref="SignInOptions"/>
/// configures: the office's LDAP directory (user name and password), its OpenID Connect provider (a link to it), or —
/// with no directory — a token from <c>appraisal token issue</c>; the demo adds its people list. Every way ends in a
/// server-side session (<see cref="BrowserSessions"/>). The forms carry an anti-forgery value, so a page elsewhere
/// cannot sign a browser in as someone else. On Azure, App Service Authentication signs people in instead.</summary>
public static class SignInEndpoints
{
    public const string Path = "/signin";

    public const string SignOutPath = "/signout";

    /// <summary>POST /signin/demo: the demo's sign-in as a person of its office (only where <c>appraisal demo</c> registered
    /// <see cref="DemoSignIn"/>; 404 elsewhere).</summary>
    public const string DemoPath = "/signin/demo";

    /// <summary>The nonce the sign-in forms' anti-forgery value is bound to.</summary>
    private const string FormNonce = "signin";

    public static void MapSignIn(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Path, (HttpRequest request, SignInOptions options) => FormAsync(request, options, null, 200)).ExcludeFromDescription();
        app.MapPost(Path, async (HttpRequest request, SignInOptions options, JwtTokens tokens, BrowserSessions sessions, SignInAudit audit) =>
        {
            var cancel = request.HttpContext.RequestAborted;
            if (await GuardedFormAsync(request, cancel).ConfigureAwait(false) is not { } form)
            {
                return Stale(request);
            }

            var returnUrl = form["returnUrl"].FirstOrDefault();
            if (options.Directory == DirectoryKind.Ldap)
            {
                return await LdapSignInEndpoint.SignInAsync(request, form, options, returnUrl, cancel).ConfigureAwait(false);
            }

            if (options.Directory != DirectoryKind.None)
            {
                // A directory is configured: a pasted token signs no browser in (scripts keep their bearer header).
                return Results.NotFound();
            }

            var token = form["token"].FirstOrDefault()?.Trim();
            if (string.IsNullOrEmpty(token) || token.Length > 8192 || await tokens.ReadAsync(token, cancel).ConfigureAwait(false) is not { } read)
            {
                await audit.FailedAsync(request.HttpContext, SignInMethod.Token, "(token)", "token not valid or expired", cancel).ConfigureAwait(false);
                return await FormAsync(request, options, Html.T(RequestLanguage.Of(request), "令牌无效或已过期，请重新签发（appraisal token issue）。", "The token is not valid or has expired; issue a new one (appraisal token issue)."), 401, returnUrl).ConfigureAwait(false);
            }

            return await sessions.StartAsync(request.HttpContext, read.Caller, SignInMethod.Token, read.Caller.UserId, returnUrl, cancel, read.Expires).ConfigureAwait(false);
        }).DisableAntiforgery().ExcludeFromDescription();

        // Signing out: a page that asks (a link in every page's navigation leads here), and its form, which ends the session.
        app.MapGet(SignOutPath, (HttpRequest request) =>
        {
            var language = RequestLanguage.Of(request);
            var content = $"""
                <p>{Html.E(Html.T(language, "退出后，本浏览器需重新登录才能使用本系统。", "After signing out, this browser needs to sign in again to use the system."))}</p>
                <form method="post" action="{Html.E(request.PathBase + SignOutPath)}">
                <p><button type="submit">{Html.E(Html.T(language, "退出登录", "Sign out"))}</button></p>
                </form>
                <p><a href="{Html.E($"{request.PathBase}/{EndpointCatalog.RoutePrefix}/pages/todo{(language == Language.En ? "?lang=en" : string.Empty)}")}">{Html.E(Html.T(language, "不退出，返回我的待办", "Stay signed in: back to my to-do list"))}</a></p>
                """;
            return SignInPages.Page(language, Html.T(language, "退出登录", "Sign out"), content, 200);
        }).ExcludeFromDescription();
        app.MapPost(SignOutPath, async (HttpRequest request, BrowserSessions sessions) =>
        {
            await sessions.EndAsync(request.HttpContext, request.HttpContext.RequestAborted).ConfigureAwait(false);
            var language = RequestLanguage.Of(request);
            return Results.Redirect($"{request.PathBase}{Path}?signedOut=1{(language == Language.En ? "&lang=en" : string.Empty)}", permanent: false, preserveMethod: false);
        }).DisableAntiforgery().ExcludeFromDescription();
    }

    public static void MapDemoSignIn(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(DemoPath, async (HttpRequest request, CycleRecords records, CycleOptions options, SignInOptions signIn, BrowserSessions sessions) =>
        {
            var cancel = request.HttpContext.RequestAborted;
            if (request.HttpContext.RequestServices.GetService<DemoSignIn>() is not { } demo || !request.HasFormContentType)
            {
                return Results.NotFound();
            }

            if (await GuardedFormAsync(request, cancel).ConfigureAwait(false) is not { } form)
            {
                return Stale(request);
            }

            var org = await records.OrganisationAsync(demo.OfficeId, cancel).ConfigureAwait(false);
            if (demo.CallerOf(org, options, form["person"].FirstOrDefault() ?? string.Empty) is not { } caller)
            {
                return await FormAsync(request, signIn, Html.T(RequestLanguage.Of(request), "请从名单中选择一人。", "Choose someone from the list."), 400, form["returnUrl"].FirstOrDefault()).ConfigureAwait(false);
            }

            return await sessions.StartAsync(request.HttpContext, caller, SignInMethod.Demo, caller.UserId, form["returnUrl"].FirstOrDefault(), cancel).ConfigureAwait(false);
        }).DisableAntiforgery().ExcludeFromDescription();
    }

    /// <summary>The posted sign-in form when it carries the anti-forgery value this host gave the browser; null otherwise.</summary>
    internal static async Task<IFormCollection?> GuardedFormAsync(HttpRequest request, CancellationToken cancel)
    {
        if (!request.HasFormContentType)
        {
            return null;
        }

        var form = await request.ReadFormAsync(cancel).ConfigureAwait(false);
        return await PageEndpoints.AntiForgeryMatchesAsync(request, FormNonce, form, cancel).ConfigureAwait(false) ? form : null;
    }

    internal static IResult Stale(HttpRequest request) =>
        SignInPages.Refused(request, "登录表单已失效，请重新打开登录页。", "The sign-in form has expired; open the sign-in page again.", 400);

    /// <summary>The demo's list of the office's people by role (nothing outside the demo).</summary>
    private static async Task<string> DemoListAsync(HttpRequest request, Language language, string returnUrl, string antiForgery)
    {
        var services = request.HttpContext.RequestServices;
        if (services.GetService<DemoSignIn>() is not { } demo
            || await services.GetRequiredService<CycleRecords>().FindOrganisationAsync(demo.OfficeId, request.HttpContext.RequestAborted).ConfigureAwait(false) is not { } org)
        {
            return string.Empty;
        }

        var groups = new System.Text.StringBuilder();
        foreach (var (role, people) in DemoSignIn.Roles(org, services.GetRequiredService<CycleOptions>()))
        {
            groups.Append(System.Globalization.CultureInfo.InvariantCulture, $"<optgroup label=\"{Html.E(RoleName(role, language))}\">");
            foreach (var (id, label) in people)
            {
                groups.Append(System.Globalization.CultureInfo.InvariantCulture, $"<option value=\"{Html.E(id)}\">{Html.E(label)}</option>");
            }

            groups.Append("</optgroup>");
        }

        return $"""
            <h2>{Html.E(Html.T(language, "演示：以本院人员身份登录", "Demo: sign in as someone of the office"))}</h2>
            <p>{Html.E(Html.T(language, "仅演示环境提供：选择一人即以其角色登录，可依次扮演考核各环节的人员。", "Offered by the demo only: choose someone to sign in with their roles, and play each part of the quarter in turn."))}</p>
            <form method="post" action="{Html.E(request.PathBase + DemoPath)}">
            <input type="hidden" name="af" value="{Html.E(antiForgery)}">
            <input type="hidden" name="returnUrl" value="{Html.E(returnUrl)}">
            <p><label for="person">{Html.E(Html.T(language, "人员", "Person"))}</label>
            <select id="person" name="person" required>{groups}</select></p>
            <p><button type="submit">{Html.E(Html.T(language, "以此人登录", "Sign in as this person"))}</button></p>
            </form>
            """;
    }

    private static string RoleName(Role role, Language language) => role switch
    {
        Role.AppraisalOffice => Html.T(language, "考核办", "Appraisal office"),
        Role.Supervisor => Html.T(language, "纪检监察", "Supervisors"),
        Role.PartyGroup => Html.T(language, "院党组", "Party group"),
        Role.DepartmentHead => Html.T(language, "部门负责人", "Department heads"),
        _ => Html.T(language, "干警", "Staff"),
    };

    /// <summary>The sign-in page: the way the configured directory signs people in, an alert when a try was refused, a
    /// notice after signing out.</summary>
    internal static async Task<IResult> FormAsync(HttpRequest request, SignInOptions options, string? error, int status, string? postedReturn = null, string? user = null)
    {
        var language = RequestLanguage.Of(request);
        var returnUrl = SignInPages.IsLocalReturn(postedReturn) ? postedReturn! : SignInPages.ReturnOf(request);
        var antiForgery = await PageEndpoints.AntiForgeryAsync(request, FormNonce, request.HttpContext.RequestAborted).ConfigureAwait(false);
        var notice = error is not null ? $"<p class=\"warn\" role=\"alert\">{Html.E(error)}</p>"
            : request.Query["signedOut"].Count > 0 ? $"<p role=\"status\">{Html.E(Html.T(language, "您已退出登录。", "You have signed out."))}</p>"
            : string.Empty;
        var hidden = $"""
            <input type="hidden" name="af" value="{Html.E(antiForgery)}">
            <input type="hidden" name="returnUrl" value="{Html.E(returnUrl)}">
            """;
        var way = options.Directory switch
        {
            DirectoryKind.Ldap => $"""
                <form method="post" action="{Html.E(request.PathBase + Path)}">
                {hidden}
                <p><label for="user">{Html.E(Html.T(language, "用户名", "User name"))}</label>
                <input id="user" name="user" autocomplete="username" maxlength="256" required value="{Html.E(user)}"></p>
                <p><label for="password">{Html.E(Html.T(language, "密码", "Password"))}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" maxlength="256" required></p>
                <p><button type="submit">{Html.E(Html.T(language, "登录", "Sign in"))}</button></p>
                </form>
                """,
            DirectoryKind.Oidc => $"""
                <p><a class="button" href="{Html.E($"{request.PathBase}{OidcPath}?returnUrl={Uri.EscapeDataString(returnUrl)}")}">{Html.E(Html.T(language, "使用本院统一身份认证登录", "Sign in with the office's identity service"))}</a></p>
                """,
            _ => $"""
                <form method="post" action="{Html.E(request.PathBase + Path)}">
                {hidden}
                <p><label for="token">{Html.E(Html.T(language, "令牌（由 appraisal token issue 签发）", "Token (from appraisal token issue)"))}</label>
                <textarea id="token" name="token" rows="4" cols="70" required></textarea></p>
                <p><button type="submit">{Html.E(Html.T(language, "登录", "Sign in"))}</button></p>
                </form>
                """,
        };
        var content = notice + way + await DemoListAsync(request, language, returnUrl, antiForgery).ConfigureAwait(false);
        return SignInPages.Page(language, Html.T(language, "登录", "Sign in"), content, status);
    }

    /// <summary>Where the OpenID Connect sign-in starts (a challenge to the office's provider).</summary>
    public const string OidcPath = "/signin/oidc";
}
