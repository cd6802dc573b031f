namespace Appraisal.Workflow.Identity;

/// <summary>How far a rule reaches: anywhere, the caller's own office, or (for a department head) the caller's own
/// department of that office.</summary>
public enum AccessScope
{
    Any,
    Office,
    Department,
}

/// <summary>Who may call an endpoint: the roles, and how far their reach is checked against the route.</summary>
public sealed record AccessRule(string Name, IReadOnlyList<Role> Roles, AccessScope Scope)
{
    public static AccessRule Anyone { get; } = new(nameof(Anyone), Enum.GetValues<Role>(), AccessScope.Any);

    public static AccessRule StartCycle { get; } = new(nameof(StartCycle), [Role.AppraisalOffice], AccessScope.Office);

    public static AccessRule ReadCycle { get; } = new(nameof(ReadCycle), [Role.DepartmentHead, Role.AppraisalOffice, Role.PartyGroup, Role.Supervisor, Role.Administrator], AccessScope.Office);

    public static AccessRule Submit { get; } = new(nameof(Submit), [Role.DepartmentHead], AccessScope.Department);

    public static AccessRule Verify { get; } = new(nameof(Verify), [Role.AppraisalOffice], AccessScope.Office);

    public static AccessRule Decide { get; } = new(nameof(Decide), [Role.PartyGroup], AccessScope.Office);

    public static AccessRule Object { get; } = new(nameof(Object), [Role.Staff, Role.DepartmentHead], AccessScope.Office);

    public static AccessRule StartProvince { get; } = new(nameof(StartProvince), [Role.Administrator], AccessScope.Any);

    public static AccessRule ReadProvince { get; } = new(nameof(ReadProvince), [Role.Administrator, Role.Supervisor], AccessScope.Any);

    /// <summary>The link itself is the credential (signed, single-use): no sign-in.</summary>
    public static AccessRule Link { get; } = new(nameof(Link), [], AccessScope.Any);

    public bool Allows(Role role) => Roles.Contains(role);
}
