using Appraisal.Workflow.Http;
using Appraisal.Workflow.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

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
        app.MapGet(Path, (HttpRequest request) => Form(request, null, 200)).ExcludeFromDescription();
        app.MapPost(Path, async (HttpRequest request, JwtTokens tokens) =>
        {
            if (!request.HasFormContentType)
            {
                return Form(request, "expected the sign-in form", 415);
            }

            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
            var token = form["token"].FirstOrDefault()?.Trim();
            if (string.IsNullOrEmpty(token) || token.Length > 8192 || await tokens.ValidateAsync(token, request.HttpContext.RequestAborted).ConfigureAwait(false) is null)
            {
                return Form(request, Html.T(RequestLanguage.Of(request), "令牌无效或已过期，请重新签发（appraisal token issue）。", "The token is not valid or has expired; issue a new one (appraisal token issue)."), 401);
            }

            request.HttpContext.Response.Cookies.Append(Cookie, token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = request.IsHttps,
                Path = "/",
            });
            var returnUrl = form["returnUrl"].FirstOrDefault();
            return Results.Redirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).DisableAntiforgery().ExcludeFromDescription();
    }

    /// <summary>Only a path of this host (not //host or a scheme) is followed after signing in.</summary>
    private static bool IsLocal(string? url) => url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static IResult Form(HttpRequest request, string? error, int status)
    {
        var language = RequestLanguage.Of(request);
        var returnUrl = request.Query["returnUrl"].FirstOrDefault() is { } r && IsLocal(r) ? r : "/";
        var alert = error is null ? string.Empty : $"<p class=\"warn\" role=\"alert\">{Html.E(error)}</p>";
        var content = $"""
            {alert}
            <form method="post" action="{Path}">
            <input type="hidden" name="returnUrl" value="{Html.E(returnUrl)}">
            <p><label for="token">{Html.E(Html.T(language, "令牌（由 appraisal token issue 签发）", "Token (from appraisal token issue)"))}</label>
            <textarea id="token" name="token" rows="4" cols="70" required></textarea></p>
            <p><button type="submit">{Html.E(Html.T(language, "登录", "Sign in"))}</button></p>
            </form>
            """;
        return Results.Content(Html.Page(language, Html.T(language, "登录", "Sign in"), Html.T(language, "检察机关绩效考核（自托管）", "Procuratorate performance appraisal (self-host)"), content),
            "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }
}
