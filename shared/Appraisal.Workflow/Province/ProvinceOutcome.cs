using System.Text.Json.Serialization;

namespace Appraisal.Workflow.Province;

/// <summary>How a province's offices ended: those completed, and those whose cycle failed (with the reason), which
/// people take up without holding back the others.</summary>
public sealed record ProvinceOutcome(
    [property: JsonPropertyName("batches")] int Batches,
    [property: JsonPropertyName("completed")] IReadOnlyList<string> Completed,
    [property: JsonPropertyName("failed")] IReadOnlyDictionary<string, string> Failed)
{
    internal static ProvinceOutcome Of(int batches, IEnumerable<(string Office, string? Failure)> results)
    {
        var all = results.OrderBy(r => r.Office, StringComparer.Ordinal).ToList();
        return new ProvinceOutcome(batches,
            [.. all.Where(r => r.Failure is null).Select(r => r.Office)],
            all.Where(r => r.Failure is not null).ToDictionary(r => r.Office, r => r.Failure!, StringComparer.Ordinal));
    }
}
