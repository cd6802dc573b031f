using System.Text.Json.Serialization;

namespace Appraisal.Workflow.Cycle;

/// <summary>How a cycle ended: the version scored under, the stored results, each department's self-evaluation, how
/// many decision rounds and objections it took. Named in camelCase whatever converter a host uses.</summary>
public sealed record CycleOutcome(
    [property: JsonPropertyName("officeId")] string OfficeId,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("schemeVersion")] int SchemeVersion,
    [property: JsonPropertyName("scoringId")] string ScoringId,
    [property: JsonPropertyName("departments")] IReadOnlyList<SelfEvaluationOutcome> Departments,
    [property: JsonPropertyName("decisionRounds")] int DecisionRounds,
    [property: JsonPropertyName("objections")] int Objections);
