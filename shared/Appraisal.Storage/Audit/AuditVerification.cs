namespace Appraisal.Storage.Audit;

/// <summary>The result of checking an audit chain: how many entries, and the first one that does not hold, with why.</summary>
public sealed record AuditVerification(int Entries, long? BrokenAt, string? Reason)
{
    public bool Intact => BrokenAt is null;
}
