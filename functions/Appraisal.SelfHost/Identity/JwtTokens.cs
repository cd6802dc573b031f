using System.Security.Claims;
using Appraisal.Storage.Secrets;
using Appraisal.Workflow.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Appraisal.SelfHost.Identity;

/// <summary>Issues and checks the self-host's bearer tokens: HS256 JWTs with the person's id (<c>sub</c>), roles,
/// office and department, signed with the configured key or the one the host generated for itself.</summary>
public sealed class JwtTokens(AuthOptions options, SecretStore secrets)
{
    public const string BlobName = "jwt-signing.key";

    /// <summary>Our tokens carry the person's id as <c>sub</c> (see <see cref="IssueAsync"/>).</summary>
    private static readonly PrincipalClaimOptions Claims = PrincipalClaimOptions.SelfHostToken();

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private SymmetricSecurityKey? _key;

    public async Task<string> IssueAsync(Caller caller, TimeSpan? lifetime, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var claims = new List<Claim> { new("sub", caller.UserId) };
        claims.AddRange(caller.Roles.Select(r => new Claim("roles", r.ToString())));
        if (caller.OfficeId is { } office)
        {
            claims.Add(new Claim("office", office));
        }

        if (caller.DepartmentId is { } department)
        {
            claims.Add(new Claim("department", department));
        }

        var now = DateTime.UtcNow;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? options.TokenLifetime),
            SigningCredentials = new SigningCredentials(await KeyAsync(cancel).ConfigureAwait(false), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The caller a token names, or null when it is not a token of ours, expired or tampered.</summary>
    public async Task<Caller?> ValidateAsync(string token, CancellationToken cancel) => (await ReadAsync(token, cancel).ConfigureAwait(false))?.Caller;

    /// <summary>The caller a token names and when the token expires, or null as for <see cref="ValidateAsync"/>.</summary>
    public async Task<(Caller Caller, DateTimeOffset Expires)?> ReadAsync(string token, CancellationToken cancel)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKeys = [await KeyAsync(cancel).ConfigureAwait(false), .. options.PreviousSigningKeys.Select(k => new SymmetricSecurityKey(HostKeys.Decode(k, "Auth:PreviousSigningKeys")))],
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
        }).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return null;
        }

        return Caller.FromClaims(result.ClaimsIdentity.Claims.Select(c => (c.Type, c.Value)), Claims) is { } caller
            ? (caller, new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero))
            : null;
    }

    private async Task<SymmetricSecurityKey> KeyAsync(CancellationToken cancel) =>
        _key ??= new SymmetricSecurityKey(string.IsNullOrWhiteSpace(options.SigningKey)
            ? await HostKeys.GetOrCreateAsync(secrets, BlobName, cancel).ConfigureAwait(false)
            : HostKeys.Decode(options.SigningKey, "Auth:SigningKey"));
}
