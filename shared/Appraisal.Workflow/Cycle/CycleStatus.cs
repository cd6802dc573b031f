using System.Text.Json;
using System.Text.Json.Serialization;
using Appraisal.Domain.Cycles;

namespace Appraisal.Workflow.Cycle;

/// <summary>The cycle's custom status: the stage it is at, what it waits for (departments, approvers, subjects), until
/// when, the round (verification, decision and publication are repeated after a rejection or a reopening), and the
/// departments correcting a returned submission with their own deadlines (during verification and correction).
/// Named in camelCase whatever converter a host uses, as the status endpoint and docs/workflow.md show it.</summary>
public sealed record CycleStatus(
    [property: JsonPropertyName("stage")] CycleStage Stage,
    [property: JsonPropertyName("awaiting")] IReadOnlyList<string> Awaiting,
    [property: JsonPropertyName("untilUtc")] DateTime? UntilUtc = null,
    [property: JsonPropertyName("round")] int? Round = null,
    [property: JsonPropertyName("correcting")] IReadOnlyList<CorrectionWindow>? Correcting = null)
{
    /// <summary>The status as an orchestration serialized it, or null when there is none yet or it is not a cycle's.</summary>
    public static CycleStatus? Read(string? serialized)
    {
        if (string.IsNullOrEmpty(serialized))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<CycleStatus>(serialized);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A department correcting the submission the appraisal office returned, its deadline, which correction it
/// is (1 the first; what its submission answers, <see cref="SubmissionNotice.Attempt"/>), and until when a late
/// correction is still taken (none: late ones are refused).</summary>
public sealed record CorrectionWindow(
    [property: JsonPropertyName("departmentId")] string DepartmentId,
    [property: JsonPropertyName("untilUtc")] DateTime UntilUtc,
    [property: JsonPropertyName("attempt")] int Attempt = 1,
    [property: JsonPropertyName("graceUntilUtc")] DateTime? GraceUntilUtc = null);
