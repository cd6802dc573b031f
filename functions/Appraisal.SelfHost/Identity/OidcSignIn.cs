using System.Security.Claims;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Appraisal.SelfHost.Identity;

/// <summary>Signing a browser in through the office's OpenID Connect provider (<c>SignIn:Directory=Oidc</c>): GET
/// <see cref="Path"/> sends the browser to the provider (authorization code with PKCE, the answer in the query so no
/// script is needed); the provider's answer at <see cref="OidcOptions.CallbackPath"/> is checked by ASP.NET Core's
/// handler (state, correlation and nonce cookies, the code redeemed with the client secret, the ID token's signature,
/// issuer and audience), its claims become a <see cref="Caller"/>, and <see cref="BrowserSessions"/> starts the
/// session — the handler keeps no cookie of its own. Anything refused (no person id, no mapped role, a forged,
/// replayed or refused answer) gets a readable page and is audited.</summary>
public static class OidcSignIn
{
    public const string Path = SignInEndpoints.OidcPath;

    public const string Scheme = "oidc";

    /// <summary>The key of the return address in the authentication properties (travels in the protected state).</summary>
    private const string ReturnKey = "returnUrl";

    /// <summary>Registers the handler; throws naming each setting that is wrong, so the host does not start with them.</summary>
    public static IServiceCollection AddOidcSignIn(this IServiceCollection services, SignInOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var oidc = options.Oidc;
        if (oidc.Problems() is { Count: > 0 } problems)
        {
            throw new OptionsValidationException(OidcOptions.Section, typeof(OidcOptions), problems);
        }

        // The self-host's own sessions (BrowserSessions) are the only ones: the scheme every request is authenticated
        // with finds nothing, and the handler hands the caller over instead of signing in to a cookie of its own.
        services.AddAuthentication(NoAmbientAuthentication.Name)
            .AddScheme<AuthenticationSchemeOptions, NoAmbientAuthentication>(NoAmbientAuthentication.Name, null)
            .AddOpenIdConnect(Scheme, o =>
        {
            o.SignInScheme = NoAmbientAuthentication.Name;
            o.RemoteSignOutPath = PathString.Empty;
            o.SignedOutCallbackPath = PathString.Empty;
            o.Authority = oidc.Authority;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            o.CallbackPath = oidc.CallbackPath;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = oidc.GetClaimsFromUserInfoEndpoint;
            o.Scope.Clear();
            foreach (var scope in oidc.AllScopes())
            {
                o.Scope.Add(scope);
            }

            if (oidc.GetClaimsFromUserInfoEndpoint)
            {
                foreach (var single in new[] { oidc.PersonIdClaim, oidc.OfficeClaim, oidc.DepartmentClaim, "preferred_username" })
                {
                    o.ClaimActions.MapUniqueJsonKey(single, single);
                }

                o.ClaimActions.MapJsonKey(oidc.RoleClaim, oidc.RoleClaim);
                o.ClaimActions.MapJsonKey(oidc.GroupClaim, oidc.GroupClaim);
            }

            // The answer comes back by a top-level GET from the provider's site: Lax cookies travel with it; Secure when
            // the host is reached over HTTPS.
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Events = new OpenIdConnectEvents
            {
                OnTicketReceived = TicketReceivedAsync,
                OnRemoteFailure = RemoteFailureAsync,
            };
        });
        services.AddSingleton(new OidcClaims(options));
        return services;
    }

    /// <summary>GET <see cref="Path"/>: to the provider, with a return address of this host (another is replaced by the
    /// to-do list); the handler answers at its callback path.</summary>
    public static void MapOidcSignIn(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.MapGet(Path, (string? returnUrl) =>
        {
            var properties = new AuthenticationProperties();
            properties.Items[ReturnKey] = SignInPages.IsLocalReturn(returnUrl) ? returnUrl : null;
            return Results.Challenge(properties, [Scheme]);
        }).ExcludeFromDescription();
    }

    private static async Task TicketReceivedAsync(TicketReceivedContext context)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var cancel = http.RequestAborted;
        var claims = context.Principal?.Claims.ToList() ?? [];
        var account = Account(claims);
        var (caller, refusal) = services.GetRequiredService<OidcClaims>().CallerOf(claims);
        var returnUrl = context.Properties?.Items.TryGetValue(ReturnKey, out var r) == true && SignInPages.IsLocalReturn(r) ? r : null;
        IResult result;
        if (caller is null)
        {
            await services.GetRequiredService<SignInAudit>().FailedAsync(http, SignInMethod.Oidc, account, refusal!, cancel).ConfigureAwait(false);
            result = SignInPages.Refused(http.Request,
                "您已通过统一身份认证，但您的账号未获本系统的任何角色（未登记人员编号，或不在已配置的用户组中）。请联系考核办开通。",
                "You were signed in by the office's identity provider, but your account has no role in this system (no person id, or in no configured group). Ask the appraisal office to grant one.",
                StatusCodes.Status403Forbidden, returnUrl);
        }
        else
        {
            result = await services.GetRequiredService<BrowserSessions>().StartAsync(http, caller, SignInMethod.Oidc, account, returnUrl, cancel).ConfigureAwait(false);
        }

        await result.ExecuteAsync(http).ConfigureAwait(false);
        context.HandleResponse();
    }

    /// <summary>The provider's answer was not accepted: a forged or replayed one (state, correlation, nonce or code
    /// refused), or the provider's own error (the person declined, or the provider refused them).</summary>
    private static async Task RemoteFailureAsync(RemoteFailureContext context)
    {
        var http = context.HttpContext;
        var providerError = http.Request.Query["error"].FirstOrDefault();
        var reason = providerError is { Length: > 0 } ? $"provider error {Truncate(providerError)}" : Truncate(context.Failure?.Message ?? "failed");
        await http.RequestServices.GetRequiredService<SignInAudit>().FailedAsync(http, SignInMethod.Oidc, string.Empty, reason, http.RequestAborted).ConfigureAwait(false);
        var result = providerError is { Length: > 0 }
            ? SignInPages.Refused(http.Request,
                "统一身份认证未让您登录（已取消或被拒绝）。请重新登录。",
                "The office's identity provider did not sign you in (cancelled or refused). Sign in again.",
                StatusCodes.Status401Unauthorized)
            : SignInPages.Refused(http.Request,
                "登录回应无效或已使用过，未予接受。请重新登录。",
                "The sign-in response is not valid or has already been used, and was not accepted. Sign in again.",
                StatusCodes.Status400BadRequest);
        await result.ExecuteAsync(http).ConfigureAwait(false);
        context.HandleResponse();
    }

    /// <summary>The account the audit names: the provider's sign-in name, else its account id.</summary>
    private static string Account(IReadOnlyList<Claim> claims) =>
        claims.FirstOrDefault(c => c.Type == "preferred_username" && c.Value.Length > 0)?.Value
        ?? claims.FirstOrDefault(c => c.Type == "sub")?.Value
        ?? string.Empty;

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200];
}

/// <summary>The caller an OpenID Connect provider's claims name, by the settings of <c>SignIn</c> and <c>SignIn:Oidc</c>.</summary>
public sealed class OidcClaims(SignInOptions options)
{
    /// <summary>The caller, or null with why not: no person id, or no role (by the role claim or the mapped groups).
    /// Roles come from <see cref="OidcOptions.RoleClaim"/> only — not from other role claims the provider might add.</summary>
    public (Caller? Caller, string? Refusal) CallerOf(IEnumerable<Claim> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var oidc = options.Oidc;
        var list = claims.Select(c => (c.Type, c.Value)).ToList();
        var names = new PrincipalClaimOptions { PersonIdClaim = oidc.PersonIdClaim, OfficeClaim = oidc.OfficeClaim, DepartmentClaim = oidc.DepartmentClaim };
        var read = Caller.FromClaims(list.Where(c => !Caller.RoleClaims.Contains(c.Type) || c.Type == oidc.RoleClaim), names, oidc.RoleClaim);
        if (read is null)
        {
            return (null, $"no {oidc.PersonIdClaim} claim, or its person, office or department is not an id");
        }

        var roles = read.Roles.Union(options.RolesOf(list.Where(c => c.Type == oidc.GroupClaim).Select(c => c.Value))).ToHashSet();
        if (roles.Count == 0)
        {
            return (null, "no mapped role");
        }

        return (read with { Roles = roles, OfficeId = read.OfficeId ?? options.OfficeId }, null);
    }
}

/// <summary>The scheme every request is authenticated with when OpenID Connect is configured: it finds no one (the
/// caller comes from <see cref="ICallerSource"/>), and keeps the OpenID Connect handler from being taken as the default
/// scheme — which, as its own sign-in scheme, would authenticate by calling itself.</summary>
internal sealed class NoAmbientAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, Microsoft.Extensions.Logging.ILoggerFactory logger, System.Text.Encodings.Web.UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "appraisal-none";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
}
