namespace Appraisal.Storage.Organisation;

/// <summary>What an import changed: rows added, updated, marked inactive (kept for history) and left as they were.</summary>
public sealed record ImportSummary(int Added, int Updated, int Deactivated, int Unchanged);
