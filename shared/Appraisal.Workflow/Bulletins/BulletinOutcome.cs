using System.Text.Json.Serialization;

namespace Appraisal.Workflow.Bulletins;

/// <summary>The stored bulletin and how many warnings it raised (cases near or past their time limit, leaders below
/// their workload share, departments with missing data).</summary>
public sealed record BulletinOutcome(
    [property: JsonPropertyName("officeId")] string OfficeId,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("bulletinId")] string BulletinId,
    [property: JsonPropertyName("warnings")] int Warnings);
