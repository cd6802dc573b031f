namespace Appraisal.Storage;

/// <summary>The blob containers: evidence files by content hash, generated reports, the keys a host generates for
/// itself when none is configured (the approval-link signing key of a local self-host), and case records packed per
/// office and acceptance year (<see cref="Cases.CaseRepository"/>).</summary>
public static class ContainerNames
{
    public const string Evidence = "evidence";
    public const string Reports = "reports";
    public const string Keys = "keys";
    public const string Cases = "cases";

    public static IReadOnlyList<string> All { get; } = [Evidence, Reports, Keys, Cases];
}
