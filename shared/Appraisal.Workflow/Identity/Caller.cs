namespace Appraisal.Workflow.Identity;

/// <summary>The person behind a request, as the host's identity says: user id (the person's id in the organisation),
/// roles, and the office and department they belong to (none: every office, for a provincial supervisor or
/// administrator). Built from claims, whichever host issued them.</summary>
public sealed record Caller(string UserId, IReadOnlySet<Role> Roles, string? OfficeId, string? DepartmentId)
{
    /// <summary>Claim types read: <c>sub</c> (or a name identifier) for the user, <c>roles</c>/<c>role</c> for roles
    /// (names of <see cref="Role"/>, any case), <c>office</c> and <c>department</c>. Null when there is no user.</summary>
    public static Caller? FromClaims(IEnumerable<(string Type, string Value)> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var list = claims.ToList();
        var user = Find(list, "sub", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier", "preferred_username", "name");
        if (string.IsNullOrWhiteSpace(user))
        {
            return null;
        }

        var roles = list.Where(c => c.Type is "roles" or "role" or "http://schemas.microsoft.com/ws/2008/06/identity/claims/role")
            .SelectMany(c => c.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => Enum.TryParse<Role>(v, ignoreCase: true, out var r) ? (Role?)r : null)
            .Where(r => r is not null).Select(r => r!.Value).ToHashSet();
        return new Caller(user, roles, NullIfEmpty(Find(list, "office")), NullIfEmpty(Find(list, "department")));
    }

    public bool Has(Role role) => Roles.Contains(role);

    /// <summary>The appraisal office, the Party group and supervisors read every department's results and dossiers.</summary>
    public bool ReadsWholeOffice => Roles.Any(r => r is Role.AppraisalOffice or Role.PartyGroup or Role.Supervisor);

    private static string? Find(List<(string Type, string Value)> claims, params string[] types) =>
        types.Select(t => claims.FirstOrDefault(c => c.Type == t).Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
