using System.Globalization;
using System.Text.Json.Serialization;
using Appraisal.Domain.Cases;

namespace Appraisal.Storage.Cases;

/// <summary>One case as packed in a case blob: days as ISO text, quality flags joined with ';'. A record of strings,
/// so a case sent again unchanged compares equal and rewrites nothing.</summary>
internal sealed record StoredCase(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("h")] string Handler,
    [property: JsonPropertyName("d")] string Department,
    [property: JsonPropertyName("t")] string Type,
    [property: JsonPropertyName("a")] string Accepted,
    [property: JsonPropertyName("c")] string? Closed,
    [property: JsonPropertyName("l")] string TimeLimit,
    [property: JsonPropertyName("f")] string? Flags,
    [property: JsonPropertyName("k")] string? Class)
{
    public static StoredCase From(CaseRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.CaseId, r.HandlerId, r.DepartmentId, r.CaseType, Day(r.Accepted), r.Closed is { } closed ? Day(closed) : null, Day(r.TimeLimit),
            r.QualityFlags.Count == 0 ? null : string.Join(';', r.QualityFlags), r.Class);
    }

    /// <summary>The part of the open cases, kept in the office's manifest.</summary>
    public const string OpenPart = "open";

    /// <summary>The part a case belongs in: <see cref="OpenPart"/>, or the year it was closed (<c>closed-2026</c>). A
    /// case is active in a period when it is open or closed on or after the period's first day, so a period reads the
    /// open cases and the parts closed since — for the current quarter one part, however many years are stored — and
    /// skips a part whose cases were all accepted after its last day.</summary>
    [JsonIgnore]
    public string Part => Closed is null ? OpenPart : string.Concat("closed-", Closed.AsSpan(0, 4));

    /// <summary>Active in [start, end]: accepted by its last day and not closed before its first (ISO days compare as text).</summary>
    public bool ActiveIn(string start, string end) => string.CompareOrdinal(Accepted, end) <= 0 && (Closed is null || string.CompareOrdinal(Closed, start) >= 0);

    public void AddTo(CaseLog log) => log.Add(Id, Handler, Department, Type, Parse(Accepted), Closed is null ? null : Parse(Closed), Parse(TimeLimit),
        Flags is null ? [] : Flags.Split(';', StringSplitOptions.RemoveEmptyEntries), Class);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Parse(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
