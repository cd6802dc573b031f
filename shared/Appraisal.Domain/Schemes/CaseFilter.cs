using System.Text.Json.Serialization;

namespace Appraisal.Domain.Schemes;

/// <summary>Which case records an indicator counts: by case type and, for flag metrics, by quality flag.</summary>
public sealed record CaseFilter
{
    /// <summary>Case types counted; empty means every type.</summary>
    public IReadOnlyList<string> CaseTypes { get; init; } = [];

    /// <summary>Quality flags that mark a case for <see cref="CaseMetric.FlaggedCount"/>.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    public static CaseFilter All { get; } = new();

    /// <summary>A stable key: two filters with the same key select the same cases.</summary>
    [JsonIgnore]
    public string Key =>
        string.Join(',', CaseTypes.Order(StringComparer.Ordinal)) + "|" + string.Join(',', Flags.Order(StringComparer.Ordinal));
}
