using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.SelfHost.Identity;

/// <summary>Signing a browser in to the self-host: the sign-in page takes a token from <c>appraisal token issue</c>
/// and keeps it in an HttpOnly, SameSite=Strict cookie, which <see cref="JwtCallerSource"/> accepts for reading
/// (GET) only — anything that changes a record still needs the bearer header, so a page elsewhere cannot make the
/// browser act. On Azure, App Service Authentication signs people in instead.</summary>
public static class SignInEndpoints
{
    public const string Path = "/signin";

    public const string Cookie = "appraisal-session";

    public static void MapSignIn(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Path, (HttpRequest request) => FormAsync(request, null, 200)).ExcludeFromDescription();
        app.MapPost(Path, async (HttpRequest request, JwtTokens tokens) =>
        {
            if (!request.HasFormContentType)
            {
                return await FormAsync(request, "expected the sign-in form", 415);
            }

            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
            var token = form["token"].FirstOrDefault()?.Trim();
            if (string.IsNullOrEmpty(token) || token.Length > 8192 || await tokens.ValidateAsync(token, request.HttpContext.RequestAborted).ConfigureAwait(false) is null)
            {
                return await FormAsync(request, Html.T(RequestLanguage.Of(request), "令牌无效或已过期，请重新签发（appraisal token issue）。", "The token is not valid or has expired; issue a new one (appraisal token issue)."), 401);
            }

            SetSession(request, token);
            var returnUrl = form["returnUrl"].FirstOrDefault();
            return Results.Redirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).DisableAntiforgery().ExcludeFromDescription();
    }

    /// <summary>POST /signin/demo: the demo's sign-in as a person of its office (only where <c>appraisal demo</c> registered
    /// <see cref="DemoSignIn"/>; 404 elsewhere).</summary>
    public const string DemoPath = "/signin/demo";

    public static void MapDemoSignIn(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(DemoPath, async (HttpRequest request, JwtTokens tokens, CycleRecords records, CycleOptions options) =>
        {
            if (request.HttpContext.RequestServices.GetService<DemoSignIn>() is not { } demo || !request.HasFormContentType)
            {
                return Results.NotFound();
            }

            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
            var org = await records.OrganisationAsync(demo.OfficeId, request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (demo.CallerOf(org, options, form["person"].FirstOrDefault() ?? string.Empty) is not { } caller)
            {
                return await FormAsync(request, Html.T(RequestLanguage.Of(request), "请从名单中选择一人。", "Choose someone from the list."), 400);
            }

            SetSession(request, await tokens.IssueAsync(caller, null, request.HttpContext.RequestAborted).ConfigureAwait(false));
            var returnUrl = form["returnUrl"].FirstOrDefault();
            return Results.Redirect(IsLocal(returnUrl) && returnUrl != "/" ? returnUrl! : "/" + EndpointCatalog.RoutePrefix + "/pages/todo");
        }).DisableAntiforgery().ExcludeFromDescription();
    }

    private static void SetSession(HttpRequest request, string token) =>
        request.HttpContext.Response.Cookies.Append(Cookie, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = request.IsHttps,
            Path = "/",
        });

    /// <summary>Only a path of this host (not //host or a scheme) is followed after signing in.</summary>
    private static bool IsLocal(string? url) => url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    /// <summary>The demo's list of the office's people by role (nothing outside the demo).</summary>
    private static async Task<string> DemoListAsync(HttpRequest request, Domain.Text.Language language, string returnUrl)
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
            <form method="post" action="{DemoPath}">
            <input type="hidden" name="returnUrl" value="{Html.E(returnUrl)}">
            <p><label for="person">{Html.E(Html.T(language, "人员", "Person"))}</label>
            <select id="person" name="person" required>{groups}</select></p>
            <p><button type="submit">{Html.E(Html.T(language, "以此人登录", "Sign in as this person"))}</button></p>
            </form>
            """;
    }

    private static string RoleName(Role role, Domain.Text.Language language) => role switch
    {
        Role.AppraisalOffice => Html.T(language, "考核办", "Appraisal office"),
        Role.Supervisor => Html.T(language, "纪检监察", "Supervisors"),
        Role.PartyGroup => Html.T(language, "院党组", "Party group"),
        Role.DepartmentHead => Html.T(language, "部门负责人", "Department heads"),
        _ => Html.T(language, "干警", "Staff"),
    };

    private static async Task<IResult> FormAsync(HttpRequest request, string? error, int status)
    {
        var language = RequestLanguage.Of(request);
        var returnUrl = request.Query["returnUrl"].FirstOrDefault() is { } r && IsLocal(r) ? r : "/";
        var alert = error is null ? string.Empty : $"<p class=\"warn\" role=\"alert\">{Html.E(error)}</p>";
        var oidc = request.HttpContext.RequestServices.GetService<OidcClaims>() is null ? string.Empty
            : $"""<p><a class="button" href="{OidcSignIn.Path}?returnUrl={Uri.EscapeDataString(returnUrl)}">{Html.E(Html.T(language, "使用本院统一身份认证登录", "Sign in with the office's identity provider"))}</a></p>""";
        var content = $"""
            {alert}
            {oidc}
            <form method="post" action="{Path}">
            <input type="hidden" name="returnUrl" value="{Html.E(returnUrl)}">
            <p><label for="token">{Html.E(Html.T(language, "令牌（由 appraisal token issue 签发）", "Token (from appraisal token issue)"))}</label>
            <textarea id="token" name="token" rows="4" cols="70" required></textarea></p>
            <p><button type="submit">{Html.E(Html.T(language, "登录", "Sign in"))}</button></p>
            </form>
            {await DemoListAsync(request, language, returnUrl).ConfigureAwait(false)}
            """;
        return Results.Content(Html.Page(language, Html.T(language, "登录", "Sign in"), Html.T(language, "检察机关绩效考核（自托管）", "Procuratorate performance appraisal (self-host)"), content),
            "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }
}
