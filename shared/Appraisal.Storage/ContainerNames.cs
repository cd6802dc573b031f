namespace Appraisal.Storage;

/// <summary>The blob containers: evidence files by content hash, generated reports, and the keys a host generates for
/// itself when none is configured (the approval-link signing key of a local self-host).</summary>
public static class ContainerNames
{
    public const string Evidence = "evidence";
    public const string Reports = "reports";
    public const string Keys = "keys";

    public static IReadOnlyList<string> All { get; } = [Evidence, Reports, Keys];
}
