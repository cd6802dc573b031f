namespace Appraisal.Storage.SignIn;

/// <summary>A signed-in browser: who (the person's id, roles, office, department as the directory gave them at sign-in),
/// how (<paramref name="Method"/>: token, demo, ldap, oidc; <paramref name="Account"/>: the name signed in with), since
/// when, last used when (for the sliding expiry) and until when at the latest.</summary>
public sealed record BrowserSession(
    string UserId,
    IReadOnlyList<string> Roles,
    string? OfficeId,
    string? DepartmentId,
    string Method,
    string Account,
    DateTimeOffset StartedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt);
