namespace Appraisal.Storage;

/// <summary>The blob containers: evidence files by content hash, and generated reports.</summary>
public static class ContainerNames
{
    public const string Evidence = "evidence";
    public const string Reports = "reports";
}
