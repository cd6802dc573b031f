namespace Appraisal.Workflow.Identity;

/// <summary>The person behind a request, as the host's identity says: user id (the person's id in the organisation),
/// roles, and the office and department they belong to (none: every office, for a provincial supervisor or
/// administrator). Built from claims, whichever host issued them.</summary>
public sealed record Caller(string UserId, IReadOnlySet<Role> Roles, string? OfficeId, string? DepartmentId)
{
    /// <summary>Role claims in every form they arrive: <c>roles</c> in Entra tokens, <c>role</c>, and the long URI that
    /// App Service and .NET map role claims to.</summary>
    public static IReadOnlyList<string> RoleClaims { get; } = ["roles", "role", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"];

    /// <summary>The caller the claims name, read by <paramref name="names"/>: the user id from
    /// <see cref="PrincipalClaimOptions.PersonIdClaim"/> only — no fallback to an account id, a sign-in name or a
    /// display name, none of which is a person of the organisation; roles from <see cref="RoleClaims"/> and
    /// <paramref name="roleType"/> (names of <see cref="Role"/>, any case, one per claim or comma-separated; other values,
    /// numbers included, are ignored); office and department from their claims. Null when there is no person id, or
    /// when the person, office or department named is no id at all (<see cref="Domain.Inputs.IdRules"/>: a claim of a
    /// megabyte, a control character) — it could match no one, and would otherwise be recorded as the actor.</summary>
    public static Caller? FromClaims(IEnumerable<(string Type, string Value)> claims, PrincipalClaimOptions names, string? roleType = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(names);
        var list = claims.ToList();
        var user = Find(list, names.PersonIdClaim);
        if (user is null)
        {
            return null;
        }

        var (office, department) = (Find(list, names.OfficeClaim), Find(list, names.DepartmentClaim));
        if (!Domain.Inputs.IdRules.IsValid(user, out _) || (office is not null && !Domain.Inputs.IdRules.IsValid(office, out _))
            || (department is not null && !Domain.Inputs.IdRules.IsValid(department, out _)))
        {
            return null;
        }

        var roles = list.Where(c => RoleClaims.Contains(c.Type) || (roleType is not null && c.Type == roleType))
            .SelectMany(c => c.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .SelectMany(v => Enum.GetValues<Role>().Where(r => string.Equals(r.ToString(), v, StringComparison.OrdinalIgnoreCase)))
            .ToHashSet();
        return new Caller(user, roles, office, department);
    }

    public bool Has(Role role) => Roles.Contains(role);

    /// <summary>The appraisal office, the Party group and supervisors read every department's results and dossiers.</summary>
    public bool ReadsWholeOffice => Roles.Any(r => r is Role.AppraisalOffice or Role.PartyGroup or Role.Supervisor);

    private static string? Find(List<(string Type, string Value)> claims, string type) =>
        claims.Where(c => c.Type == type).Select(c => c.Value.Trim()).FirstOrDefault(v => v.Length > 0);
}
