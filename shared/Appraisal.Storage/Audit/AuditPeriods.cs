namespace Appraisal.Storage.Audit;

/// <summary>Chain names for records that belong to no appraisal period.</summary>
public static class AuditPeriods
{
    /// <summary>The office's own chain: organisation imports and other office-wide changes.</summary>
    public const string Office = "office";
}
