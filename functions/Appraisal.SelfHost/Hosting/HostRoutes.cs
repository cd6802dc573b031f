using Appraisal.SelfHost.Identity;

namespace Appraisal.SelfHost.Hosting;

/// <summary>What the self-host answers beside the catalog's endpoints (<c>api/…</c>): signing in and out, the way in,
/// the API description — each with who may call it and what is checked, as docs/workflow.md lists them next to the
/// catalog's matrix. A route the host maps and this list lacks fails <c>HostRoutesTests</c>.</summary>
public static class HostRoutes
{
    public static IReadOnlyList<HostRoute> All { get; } =
    [
        new("Home", "GET", "/", "anyone", "redirects to the to-do list (which asks for a sign-in)"),
        new("SignInPage", "GET", SignInEndpoints.Path, "anyone", "the way the configured directory signs people in; a return address kept only when it is a path of this host"),
        new("SignIn", "POST", SignInEndpoints.Path, "anyone",
            "the form's anti-forgery value; LDAP: user name and password bound against the directory, lockout per account and per client address checked first, roles only from mapped groups; no directory: a token of this host; audited (never the password)"),
        new("OidcSignIn", "GET", SignInEndpoints.OidcPath, "anyone (OpenID Connect configured)", "a challenge to the office's provider: code flow with PKCE, state and nonce bound to this browser"),
        new("OidcCallback", "GET", "/signin/oidc/callback", "the browser that started the sign-in", "the provider's answer against the browser's state, nonce and PKCE verifier, the code redeemed once; roles only from claims and mapped groups; audited (handled by the OpenID Connect middleware)", Middleware: true),
        new("DemoSignIn", "POST", SignInEndpoints.DemoPath, "anyone (the demo's process only; 404 elsewhere)", "the form's anti-forgery value; a person of the demo's office; audited"),
        new("SignOutPage", "GET", SignInEndpoints.SignOutPath, "anyone", "asks before signing out; changes nothing"),
        new("SignOut", "POST", SignInEndpoints.SignOutPath, "the session's own browser (a SameSite cookie)", "deletes the session on the server and clears the cookie; audited"),
        new("ApiDescription", "GET", ApiDocument.Path.Replace("v1", "{documentName}", StringComparison.Ordinal), "anyone", "the OpenAPI description of the catalog; no records"),
    ];
}

/// <summary>One of the self-host's own routes; <paramref name="Middleware"/>: answered by middleware, not an endpoint.</summary>
public sealed record HostRoute(string Name, string Verb, string Route, string Who, string Checks, bool Middleware = false);
