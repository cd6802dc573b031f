using System.Text.Json.Serialization;

namespace Appraisal.Workflow.Cycle;

/// <summary>The cycle's custom status: the stage it is at and what it waits for (departments, approvers, subjects).
/// Named in camelCase whatever converter a host uses, as the status endpoint and docs/workflow.md show it.</summary>
public sealed record CycleStatus(
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("awaiting")] IReadOnlyList<string> Awaiting,
    [property: JsonPropertyName("untilUtc")] DateTime? UntilUtc = null,
    [property: JsonPropertyName("round")] int? Round = null);
