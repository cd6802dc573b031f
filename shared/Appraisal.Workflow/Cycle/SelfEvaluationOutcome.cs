using System.Text.Json.Serialization;

namespace Appraisal.Workflow.Cycle;

/// <summary>The result of one department's self-evaluation window.</summary>
public sealed record SelfEvaluationOutcome(
    [property: JsonPropertyName("departmentId")] string DepartmentId,
    [property: JsonPropertyName("status")] SelfEvaluationStatus Status,
    [property: JsonPropertyName("submissionKey")] string? SubmissionKey,
    [property: JsonPropertyName("reminded")] bool Reminded,
    [property: JsonPropertyName("escalated")] bool Escalated);
