using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Appraisal.SelfHost.Tests.Identity;

/// <summary>A person the test provider knows: their sign-in name and password, the claims it issues for them (the
/// person's id as <c>employeeid</c>, the department, the groups) — or, <see cref="Denied"/>, an account the provider
/// refuses to sign in to this client (it answers <c>access_denied</c>).</summary>
public sealed record OidcUser(string Login, string Password, string? PersonId, string? Department, IReadOnlyList<string> Groups, bool Denied = false);

/// <summary>A standard OpenID Connect provider in the test process (OpenIddict's server on Kestrel, loopback, a free
/// port): discovery, the authorization endpoint behind its own login form (its own cookie, named apart from the
/// self-host's: the two share the host name), and the token endpoint redeeming a code once, for one confidential client
/// with PKCE (S256 only). Degraded mode — no token store — with the client, secret and redirect address checked by
/// handlers here, and the codes redeemed remembered here.</summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "appraisal-selfhost";

    public const string LoginCookie = "test-provider-login";

    private const string LoginScheme = "provider-login";

    private readonly IReadOnlyList<OidcUser> _users;
    private readonly ConcurrentDictionary<string, byte> _redeemed = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public OidcProvider(IReadOnlyList<OidcUser> users)
    {
        _users = users;
        Url = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/");
    }

    /// <summary>The issuer (and authority) address.</summary>
    public Uri Url { get; }

    public string ClientSecret { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    /// <summary>How many times a code was offered again after being redeemed (each refused).</summary>
    public int RefusedRedemptions => _refusedRedemptions;

    private int _refusedRedemptions;

    /// <summary>Starts the provider for the client whose callback is <paramref name="redirectUri"/>.</summary>
    public async Task StartAsync(Uri redirectUri)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Url.ToString().TrimEnd('/'));
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(LoginScheme).AddCookie(LoginScheme, o =>
        {
            o.Cookie.Name = LoginCookie;
            o.LoginPath = "/login";
        });
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetIssuer(Url);
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
            o.RegisterScopes(Scopes.OpenId, Scopes.Profile);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            o.DisableAccessTokenEncryption();
            o.EnableDegradedMode();
            o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            o.AddEventHandler<ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "unknown client");
                }
                else if (context.RedirectUri != redirectUri.ToString())
                {
                    context.Reject(Errors.InvalidRequest, "redirect_uri not registered for the client");
                }

                return ValueTask.CompletedTask;
            }));
            o.AddEventHandler<ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "client authentication failed");
                }
                else if (context.Request.IsAuthorizationCodeGrantType() && context.Request.RedirectUri != redirectUri.ToString())
                {
                    context.Reject(Errors.InvalidGrant, "redirect_uri differs from the authorization request's");
                }
                else if (context.Request.IsAuthorizationCodeGrantType() && !_redeemed.TryAdd(context.Request.Code ?? string.Empty, 0))
                {
                    Interlocked.Increment(ref _refusedRedemptions);
                    context.Reject(Errors.InvalidGrant, "the authorization code has already been redeemed");
                }

                return ValueTask.CompletedTask;
            }));
        });

        var app = builder.Build();
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)AuthorizeAsync);
        app.MapPost("/connect/token", (Delegate)TokenAsync);
        app.MapGet("/login", (string? returnUrl) => LoginForm(returnUrl, null));
        app.MapPost("/login", (Delegate)LoginAsync).DisableAntiforgery();
        await app.StartAsync();
        _app = app;
    }

    private async Task<IResult> AuthorizeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        var login = await http.AuthenticateAsync(LoginScheme);
        if (!login.Succeeded || _users.FirstOrDefault(u => u.Login == login.Principal.Identity?.Name) is not { } user)
        {
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + http.Request.QueryString }, [LoginScheme]);
        }

        if (user.Denied)
        {
            return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "this account may not sign in to the client",
            }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, "acct-" + user.Login));
        identity.AddClaim(new Claim(Claims.PreferredUsername, user.Login));
        identity.AddClaim(new Claim(Claims.Name, user.Login));
        if (user.PersonId is { } person)
        {
            identity.AddClaim(new Claim("employeeid", person));
        }

        if (user.Department is { } department)
        {
            identity.AddClaim(new Claim("department", department));
        }

        foreach (var group in user.Groups)
        {
            identity.AddClaim(new Claim("groups", group));
        }

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        if (!request.IsAuthorizationCodeGrantType())
        {
            return Results.BadRequest();
        }

        var code = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        return code.Principal is { } principal
            ? Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
            : Results.Forbid(null, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private async Task<IResult> LoginAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].FirstOrDefault();
        var user = _users.FirstOrDefault(u => u.Login == form["username"].FirstOrDefault() && u.Password == form["password"].FirstOrDefault());
        if (user is null)
        {
            return LoginForm(returnUrl, "Wrong user name or password.");
        }

        await http.SignInAsync(LoginScheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Login)], LoginScheme)));
        return Results.Redirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith("/connect/authorize", StringComparison.Ordinal) ? returnUrl : "/");
    }

    private static IResult LoginForm(string? returnUrl, string? error) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Office identity provider</title></head>
        <body><main><h1>Office identity provider</h1>
        {(error is null ? string.Empty : $"<p role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}
        <form method="post" action="/login">
        <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
        <p><label for="username">User name</label> <input id="username" name="username" autocomplete="username"></p>
        <p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password"></p>
        <p><button type="submit">Sign in</button></p>
        </form></main></body></html>
        """, "text/html; charset=utf-8", System.Text.Encoding.UTF8, error is null ? 200 : 401);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
