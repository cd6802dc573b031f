namespace Appraisal.Storage.Evidence;

/// <summary>Stored evidence whose content no longer matches its SHA-256: it was altered outside the system.</summary>
public sealed class EvidenceTamperedException(string sha256, string actual)
    : Exception($"evidence {sha256}: content hashes to {actual}; it was altered after it was stored")
{
    public string Sha256 { get; } = sha256;
}
