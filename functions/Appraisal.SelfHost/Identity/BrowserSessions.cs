using System.Globalization;
using Appraisal.Storage.SignIn;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;

namespace Appraisal.SelfHost.Identity;

/// <summary>Signed-in browsers. A sign-in (by any method) stores a session on the server and gives the browser its
/// random id in an HttpOnly, SameSite=Lax cookie, <c>Secure</c> when the original request was HTTPS (behind a configured
/// proxy: as it forwarded). A session ends when it has not been used for <see cref="SignInOptions.IdleTimeout"/>
/// (each use moves that on), at <see cref="SignInOptions.Lifetime"/> after sign-in, or at sign-out — on the server, so a
/// copied cookie is no use afterwards.</summary>
public sealed class BrowserSessions(SessionRepository sessions, SignInOptions options, SignInAudit audit, TimeProvider clock)
{
    public const string Cookie = "appraisal-session";

    /// <summary>Stores a session for the caller, sets the cookie, audits the sign-in and answers 303 to the return address
    /// when it is one of this host's, otherwise to the to-do list. <paramref name="notAfter"/> caps the session (a pasted
    /// token's own expiry).</summary>
    public async Task<IResult> StartAsync(HttpContext http, Caller caller, SignInMethod method, string account, string? returnUrl, CancellationToken cancel, DateTimeOffset? notAfter = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(caller);
        var now = clock.GetUtcNow();
        var expires = now + options.Lifetime;
        if (notAfter is { } cap && cap < expires)
        {
            expires = cap;
        }

        var id = SessionRepository.NewId();
        await sessions.AddAsync(id, new BrowserSession(caller.UserId, caller.Roles.Select(r => r.ToString()).Order(StringComparer.Ordinal).ToList(),
            caller.OfficeId, caller.DepartmentId, Name(method), account, now, now, expires), cancel).ConfigureAwait(false);
        // A session id the browser held before signing in is never carried on (no fixation): the cookie gets the new one.
        if (http.Request.Cookies[Cookie] is { Length: > 0 } previous)
        {
            await sessions.DeleteAsync(previous, cancel).ConfigureAwait(false);
        }

        http.Response.Cookies.Append(Cookie, id, CookieOptions(http.Request));
        await audit.SignedInAsync(http, method, account, caller, cancel).ConfigureAwait(false);
        return Results.Redirect(SignInPages.LocalReturnOr(returnUrl, $"{http.Request.PathBase}/{EndpointCatalog.RoutePrefix}/pages/todo"), permanent: false, preserveMethod: false);
    }

    /// <summary>The caller of the session the request's cookie names; null when there is none or it has ended (then
    /// deleted, and the request marked with <see cref="SignInPage.SessionEndedItem"/>).</summary>
    public async Task<Caller?> FindAsync(HttpRequest request, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Cookies[Cookie] is not { Length: > 0 and <= 128 } id)
        {
            return null;
        }

        var stored = await sessions.GetAsync(id, cancel).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (stored is null || now >= stored.Value.ExpiresAt || now - stored.Value.LastSeenAt >= options.IdleTimeout)
        {
            if (stored is not null)
            {
                await sessions.DeleteAsync(id, cancel).ConfigureAwait(false);
            }

            request.HttpContext.Items[SignInPage.SessionEndedItem] = true;
            return null;
        }

        // The sliding expiry moves on at most every tenth of the idle time: not one write per page.
        if (now - stored.Value.LastSeenAt >= options.IdleTimeout / 10)
        {
            await sessions.TouchAsync(stored, now, cancel).ConfigureAwait(false);
        }

        var session = stored.Value;
        var roles = session.Roles.Select(r => Enum.TryParse<Role>(r, out var role) ? role : (Role?)null).OfType<Role>().ToHashSet();
        return new Caller(session.UserId, roles, session.OfficeId, session.DepartmentId);
    }

    /// <summary>Ends the request's session (sign-out): deleted on the server, the cookie cleared, audited.</summary>
    public async Task EndAsync(HttpContext http, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Cookies[Cookie] is { Length: > 0 and <= 128 } id)
        {
            if (await sessions.GetAsync(id, cancel).ConfigureAwait(false) is { } stored)
            {
                await sessions.DeleteAsync(id, cancel).ConfigureAwait(false);
                await audit.SignedOutAsync(http, stored.Value, cancel).ConfigureAwait(false);
            }
        }

        http.Response.Cookies.Delete(Cookie, CookieOptions(http.Request));
    }

    private static CookieOptions CookieOptions(HttpRequest request) => new()
    {
        HttpOnly = true,
        // Lax, not Strict: the browser comes back from the directory's sign-in by a cross-site redirect and must be
        // signed in on the page it lands on. A page elsewhere still cannot make it send the cookie with a POST.
        SameSite = SameSiteMode.Lax,
        Secure = request.IsHttps,
        Path = "/",
        IsEssential = true,
    };

    internal static string Name(SignInMethod method) => method.ToString().ToLower(CultureInfo.InvariantCulture);
}
