using Appraisal.Workflow.Identity;

namespace Appraisal.SelfHost.Identity;

/// <summary>Where the self-host's people sign in (section <c>SignIn</c>): the office's directory — over LDAP
/// (<see cref="LdapOptions"/>) or OpenID Connect (<see cref="OidcOptions"/>) — or, with none configured, the token form
/// only; how long a browser session lasts; which directory groups give which role; and the lockout after failures.</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    /// <summary>The office's directory: <c>None</c> (the default: a browser signs in with a token from
    /// <c>appraisal token issue</c>), <c>Ldap</c> or <c>Oidc</c>.</summary>
    public DirectoryKind Directory { get; set; } = DirectoryKind.None;

    /// <summary>The office of the people the directory signs in, when their entry or token names none (an internal
    /// network usually serves one office).</summary>
    public string? OfficeId { get => _officeId; set => _officeId = string.IsNullOrWhiteSpace(value) ? null : value.Trim(); }

    private string? _officeId;

    /// <summary>A session not used for this long ends (sliding expiry).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in however much it is used.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(10);

    /// <summary>Directory groups that give each role: the key is a role's name (<see cref="Role"/>), the values group
    /// names as the directory gives them (LDAP: the group's DN from <c>memberOf</c>; OpenID Connect: the values of the
    /// groups claim), compared without regard to case. Someone in no mapped group and without role claims is refused.</summary>
    public Dictionary<string, List<string>> RoleGroups { get; } = new(StringComparer.OrdinalIgnoreCase);

    public LockoutOptions Lockout { get; } = new();

    public LdapOptions Ldap { get; } = new();

    public OidcOptions Oidc { get; } = new();

    /// <summary>The roles the groups give (by <see cref="RoleGroups"/>). Names are compared without regard to case or to
    /// spaces around a DN's commas and equals signs (<c>cn=Staff, ou=Groups</c> is <c>CN=staff,OU=groups</c>).</summary>
    public IReadOnlySet<Role> RolesOf(IEnumerable<string> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var set = groups.Select(Normalise).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var roles = new HashSet<Role>();
        foreach (var (name, members) in RoleGroups)
        {
            if (Enum.TryParse<Role>(name, ignoreCase: true, out var role) && members.Any(m => set.Contains(Normalise(m))))
            {
                roles.Add(role);
            }
        }

        return roles;
    }

    private static string Normalise(string group) =>
        string.Join(',', group.Split(',').Select(part => string.Join('=', part.Split('=').Select(p => p.Trim()))));
}

public enum DirectoryKind
{
    None,
    Ldap,
    Oidc,
}

/// <summary>Repeated failed sign-ins lock the account, and separately the client address, for <see cref="Duration"/>:
/// <see cref="MaxFailures"/> failures of one account, or <see cref="MaxFailuresPerAddress"/> from one address, within
/// <see cref="Window"/>.</summary>
public sealed class LockoutOptions
{
    public int MaxFailures { get; set; } = 5;

    public int MaxFailuresPerAddress { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
