namespace Appraisal.Storage.Evidence;

/// <summary>An evidence file refused before anything was stored: too large, of a type not allowed, or badly named.</summary>
public sealed class EvidenceRejectedException(string field, string reason) : ArgumentException($"{field}: {reason}", field)
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
