using System.Text.Json.Serialization;

namespace Appraisal.Workflow.Cycle;

/// <summary>How a department's self-evaluation ended; written by name in outputs.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SelfEvaluationStatus>))]
public enum SelfEvaluationStatus
{
    Submitted,
    SubmittedLate,
    Missing,
}
