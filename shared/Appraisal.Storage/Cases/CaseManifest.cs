using System.Text.Json.Serialization;

namespace Appraisal.Storage.Cases;

/// <summary>An office's case records at one moment (<c>{office}/manifest.json.gz</c>): its open cases themselves —
/// every period after their acceptance needs them, so they come with the read that cannot be skipped — and its closed
/// cases' parts, one per closing year, each naming the blob that holds it and what a reader needs to skip it (its
/// earliest acceptance and latest closing day). Part blobs are never rewritten, only replaced by new ones named here,
/// so writing the manifest (under its ETag) is the one step that makes an import visible, all of it or none.
/// <paramref name="Import"/> identifies the import that wrote it.</summary>
internal sealed record CaseManifest(
    [property: JsonPropertyName("parts")] IReadOnlyList<CasePart> Parts,
    [property: JsonPropertyName("open")] IReadOnlyList<StoredCase> Open,
    [property: JsonPropertyName("import")] string? Import = null)
{
    public static CaseManifest Empty { get; } = new([], []);

    /// <summary>The closed parts that can hold a case active in [start, end] (ISO days).</summary>
    public IEnumerable<CasePart> Needed(string start, string end) =>
        Parts.Where(p => string.CompareOrdinal(p.FirstAccepted, end) <= 0 && string.CompareOrdinal(p.LastClosed, start) >= 0);
}

/// <summary>The office's cases closed in one year, packed in <paramref name="Blob"/>.</summary>
internal sealed record CasePart(
    [property: JsonPropertyName("part")] string Part,
    [property: JsonPropertyName("blob")] string Blob,
    [property: JsonPropertyName("cases")] int Cases,
    [property: JsonPropertyName("firstAccepted")] string FirstAccepted,
    [property: JsonPropertyName("lastClosed")] string LastClosed)
{
    public static CasePart Of(string part, string blob, IReadOnlyCollection<StoredCase> cases) => new(part, blob, cases.Count,
        cases.Select(c => c.Accepted).Min(StringComparer.Ordinal)!, cases.Select(c => c.Closed!).Max(StringComparer.Ordinal)!);
}
