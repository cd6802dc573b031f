namespace Appraisal.SelfHost.Identity;

/// <summary>Signing in against the office's LDAP directory (section <c>SignIn:Ldap</c>), Active Directory or OpenLDAP:
/// a service account searches for the person by <see cref="UserFilter"/>, then their own password is bound as their
/// entry. Over LDAPS or StartTLS; plain LDAP only where <see cref="AllowPlain"/> says so.</summary>
public sealed class LdapOptions
{
    public const string Section = SignInOptions.Section + ":Ldap";

    /// <summary>The directory: <c>ldaps://host:636</c> or <c>ldap://host:389</c> (for StartTLS, or plain).</summary>
    public Uri? Url { get; set; }

    public LdapSecurity Security { get; set; } = LdapSecurity.Ldaps;

    /// <summary>Allows <see cref="LdapSecurity.None"/>: passwords then cross the network readable by anyone on it.</summary>
    public bool AllowPlain { get; set; }

    /// <summary>A PEM file with the certificate of the authority that signed the directory's certificate; without it,
    /// the system's trusted authorities.</summary>
    public string? TrustedCaFile { get; set; }

    /// <summary>The service account that searches for the person (a DN, or for AD also <c>user@domain</c>); empty for an
    /// anonymous search.</summary>
    public string? BindDn { get; set; }

    public string? BindPassword { get; set; }

    /// <summary>Where people are searched for (subtree), e.g. <c>ou=people,dc=example,dc=org</c>.</summary>
    public string SearchBase { get; set; } = string.Empty;

    /// <summary>The search filter with <c>{0}</c> for the user name (escaped by RFC 4515), e.g.
    /// <c>(&amp;(objectClass=inetOrgPerson)(uid={0}))</c> or for AD <c>(&amp;(objectClass=user)(sAMAccountName={0}))</c>.</summary>
    public string UserFilter { get; set; } = "(&(objectClass=inetOrgPerson)(uid={0}))";

    /// <summary>The attribute holding the person's id in the office's organisation (工号).</summary>
    public string PersonIdAttribute { get; set; } = "employeeNumber";

    /// <summary>The attribute holding the person's office; empty: everyone is of <c>SignIn:OfficeId</c>.</summary>
    public string? OfficeAttribute { get; set; }

    /// <summary>The attribute holding the person's department id.</summary>
    public string DepartmentAttribute { get; set; } = "departmentNumber";

    /// <summary>The attribute listing the groups the person is in (their DNs), mapped to roles by <c>SignIn:RoleGroups</c>.</summary>
    public string GroupAttribute { get; set; } = "memberOf";

    /// <summary>How long one sign-in may wait for the directory (connecting, searching, binding).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>What is wrong with these settings, each naming the setting; empty when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Url is not { IsAbsoluteUri: true } url || (url.Scheme != "ldaps" && url.Scheme != "ldap") || string.IsNullOrEmpty(url.Host))
        {
            problems.Add($"{Section}:Url: expected ldaps://host:636 or ldap://host:389, found '{Url?.OriginalString}'");
        }
        else if (Security == LdapSecurity.Ldaps && url.Scheme != "ldaps")
        {
            problems.Add($"{Section}:Url: Security is Ldaps, so expected an ldaps:// address, found '{url.OriginalString}' (or set {Section}:Security to StartTls)");
        }
        else if (Security != LdapSecurity.Ldaps && url.Scheme != "ldap")
        {
            problems.Add($"{Section}:Url: Security is {Security}, so expected an ldap:// address, found '{url.OriginalString}' (or set {Section}:Security to Ldaps)");
        }

        if (!Enum.IsDefined(Security))
        {
            problems.Add($"{Section}:Security: expected Ldaps, StartTls or None");
        }
        else if (Security == LdapSecurity.None && !AllowPlain)
        {
            problems.Add($"{Section}:Security: None sends passwords unencrypted; use Ldaps or StartTls, or set {Section}:AllowPlain to true to accept that");
        }

        if (!string.IsNullOrEmpty(TrustedCaFile) && OperatingSystem.IsWindows())
        {
            problems.Add($"{Section}:TrustedCaFile: not used on Windows; add the authority to the machine's trusted root certificates and leave the setting empty");
        }
        else if (!string.IsNullOrEmpty(TrustedCaFile) && !File.Exists(TrustedCaFile))
        {
            problems.Add($"{Section}:TrustedCaFile: no file at '{TrustedCaFile}'");
        }

        if (!string.IsNullOrEmpty(BindDn) && string.IsNullOrEmpty(BindPassword))
        {
            problems.Add($"{Section}:BindPassword: expected the password of {Section}:BindDn (an empty one would bind anonymously)");
        }

        if (string.IsNullOrWhiteSpace(SearchBase))
        {
            problems.Add($"{Section}:SearchBase: expected the DN people are searched under, e.g. ou=people,dc=example,dc=org");
        }

        if (!UserFilter.Contains("{0}", StringComparison.Ordinal) || !UserFilter.StartsWith('(') || !UserFilter.EndsWith(')'))
        {
            problems.Add($"{Section}:UserFilter: expected a filter in parentheses with {{0}} for the user name, e.g. (&(objectClass=inetOrgPerson)(uid={{0}})), found '{UserFilter}'");
        }
        else
        {
            try
            {
                _ = string.Format(System.Globalization.CultureInfo.InvariantCulture, UserFilter, "user");
            }
            catch (FormatException)
            {
                problems.Add($"{Section}:UserFilter: braces other than {{0}} must be doubled ({{{{ }}}}), found '{UserFilter}'");
            }
        }

        var attributes = new List<(string Name, string Value)> { (nameof(PersonIdAttribute), PersonIdAttribute), (nameof(DepartmentAttribute), DepartmentAttribute), (nameof(GroupAttribute), GroupAttribute) };
        if (!string.IsNullOrEmpty(OfficeAttribute))
        {
            attributes.Add((nameof(OfficeAttribute), OfficeAttribute));
        }

        foreach (var (name, value) in attributes)
        {
            if (string.IsNullOrWhiteSpace(value) || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or ';'))
            {
                problems.Add($"{Section}:{name}: expected an attribute name such as employeeNumber, found '{value}'");
            }
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
        {
            problems.Add($"{Section}:Timeout: expected a duration between 00:00:01 and 00:05:00, found {Timeout}");
        }

        return problems;
    }
}

/// <summary>How the connection to the directory is protected.</summary>
public enum LdapSecurity
{
    /// <summary>TLS from the first byte (<c>ldaps://</c>, usually port 636).</summary>
    Ldaps,

    /// <summary>A plain connection (<c>ldap://</c>, usually port 389) turned to TLS before anything is sent.</summary>
    StartTls,

    /// <summary>No protection: refused unless <see cref="LdapOptions.AllowPlain"/>.</summary>
    None,
}
