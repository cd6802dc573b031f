using System.Text.Json.Serialization;

namespace Appraisal.Workflow.YearEnd;

/// <summary>How the year-end appraisal ended: the stored annual results, decision rounds and objections.</summary>
public sealed record YearEndOutcome(
    [property: JsonPropertyName("officeId")] string OfficeId,
    [property: JsonPropertyName("year")] string Year,
    [property: JsonPropertyName("scoringId")] string ScoringId,
    [property: JsonPropertyName("decisionRounds")] int DecisionRounds,
    [property: JsonPropertyName("objections")] int Objections);
