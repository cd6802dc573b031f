using System.Text.Json.Serialization;

namespace Appraisal.Storage.Cases;

/// <summary>An office's case blobs (<c>{office}/manifest.json</c>): one part per acceptance year and closing year (or
/// open, <see cref="StoredCase.Part"/>), each naming the blob
/// that holds it and what a reader needs to skip it — its earliest acceptance day, its latest closing day and how
/// many of its cases are open. Part blobs are never rewritten, only replaced by new ones named here, so writing the
/// manifest (under its ETag) is the one step that makes an import visible, all of it or none.</summary>
internal sealed record CaseManifest([property: JsonPropertyName("parts")] IReadOnlyList<CasePart> Parts)
{
    public static CaseManifest Empty { get; } = new([]);

    /// <summary>The parts that can hold a case active in [start, end] (ISO days).</summary>
    public IEnumerable<CasePart> Needed(string start, string end) =>
        Parts.Where(p => string.CompareOrdinal(p.FirstAccepted, end) <= 0 && (p.Open > 0 || string.CompareOrdinal(p.LastClosed, start) >= 0));
}

/// <summary>The office's cases accepted in one year and closed in one year (or open), packed in <paramref name="Blob"/>.</summary>
internal sealed record CasePart(
    [property: JsonPropertyName("part")] string Part,
    [property: JsonPropertyName("blob")] string Blob,
    [property: JsonPropertyName("cases")] int Cases,
    [property: JsonPropertyName("open")] int Open,
    [property: JsonPropertyName("firstAccepted")] string FirstAccepted,
    [property: JsonPropertyName("lastClosed")] string? LastClosed)
{
    public static CasePart Of(string part, string blob, IReadOnlyCollection<StoredCase> cases) => new(part, blob, cases.Count, cases.Count(c => c.Closed is null),
        cases.Select(c => c.Accepted).Min(StringComparer.Ordinal)!, cases.Select(c => c.Closed).Where(c => c is not null).Max(StringComparer.Ordinal));
}
