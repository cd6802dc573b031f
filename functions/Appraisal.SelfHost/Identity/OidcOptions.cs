namespace Appraisal.SelfHost.Identity;

/// <summary>Signing in through the office's OpenID Connect provider (section <c>SignIn:Oidc</c>): the authorization code
/// flow with PKCE against <see cref="Authority"/> as the client <see cref="ClientId"/>, and which claims of the ID token
/// (or the user info) name the person, their office, department and roles.</summary>
public sealed class OidcOptions
{
    public const string Section = "SignIn:Oidc";

    /// <summary>Always asked for; <see cref="Scopes"/> adds to them.</summary>
    public static IReadOnlyList<string> BaseScopes { get; } = ["openid", "profile"];

    /// <summary>The provider's issuer address (its discovery document is at <c>.well-known/openid-configuration</c> below it).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for besides <c>openid profile</c> (a provider that issues groups or the employee id only
    /// under a scope of its own).</summary>
    public IList<string> Scopes { get; } = [];

    /// <summary>The claim with the person's id in the organisation: by default <c>employeeid</c>, never <c>sub</c> — the
    /// provider's account id matches no person (see <see cref="Workflow.Identity.PrincipalClaimOptions"/>).</summary>
    public string PersonIdClaim { get; set; } = "employeeid";

    /// <summary>The claim with the office's id; none in the token: <see cref="SignInOptions.OfficeId"/>.</summary>
    public string OfficeClaim { get; set; } = "office";

    public string DepartmentClaim { get; set; } = "department";

    /// <summary>The claim whose values are role names (<see cref="Workflow.Identity.Role"/>, any case).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim whose values are group names, given roles by <see cref="SignInOptions.RoleGroups"/>.</summary>
    public string GroupClaim { get; set; } = "groups";

    /// <summary>The provider's metadata and keys are fetched over HTTPS only; an <c>http</c> authority (a test provider on
    /// loopback) needs this set to false explicitly.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Where the provider sends the browser back (register <c>{public address}{CallbackPath}</c> with it).</summary>
    public string CallbackPath { get; set; } = "/signin/oidc/callback";

    /// <summary>Reads the claims from the provider's user info endpoint too (for a provider whose ID token is thin).</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; set; }

    /// <summary>Every scope asked for: <see cref="BaseScopes"/> and <see cref="Scopes"/>, each once.</summary>
    public IReadOnlyList<string> AllScopes() =>
        BaseScopes.Concat(Scopes.Select(s => s.Trim()).Where(s => s.Length > 0)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>What is wrong with the settings, each naming its setting; empty when the provider can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{Section}:Authority: expected the provider's absolute https address, such as https://sso.example.org/realms/office");
        }
        else if (authority.Scheme == Uri.UriSchemeHttp && RequireHttpsMetadata)
        {
            problems.Add($"{Section}:RequireHttpsMetadata: the authority {authority} is not https; set it to false to allow that explicitly (a test provider only)");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            problems.Add($"{Section}:ClientId: expected the client id registered with the provider");
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            problems.Add($"{Section}:ClientSecret: expected the client secret registered with the provider");
        }

        foreach (var (name, value) in new[] { ("PersonIdClaim", PersonIdClaim), ("OfficeClaim", OfficeClaim), ("DepartmentClaim", DepartmentClaim), ("RoleClaim", RoleClaim), ("GroupClaim", GroupClaim) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{Section}:{name}: expected a claim type");
            }
        }

        if (Workflow.Identity.PrincipalClaimOptions.AccountIdClaims.Contains(PersonIdClaim ?? string.Empty))
        {
            problems.Add($"{Section}:PersonIdClaim: {PersonIdClaim} is the provider's account id, which names no person of the organisation; use the claim with the person's id (employeeid)");
        }

        if (string.IsNullOrEmpty(CallbackPath) || CallbackPath[0] != '/' || CallbackPath.StartsWith("//", StringComparison.Ordinal))
        {
            problems.Add($"{Section}:CallbackPath: expected a path of this host such as /signin/oidc/callback");
        }

        return problems;
    }
}
