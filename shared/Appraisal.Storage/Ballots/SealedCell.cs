namespace Appraisal.Storage.Ballots;

/// <summary>What the ballots of a period say about one subject on one rated indicator from one rater group, once
/// sealed: how many answered, and — only where at least the group's minimum answered — the sum, lowest and highest
/// score (all a mean with or without the extremes needs). Below the minimum only the count is kept, so a group's one
/// or two answers are never readable. Paper results entered by the appraisal office are cells of their own
/// (<see cref="Paper"/>: a count and a sum, no extremes).</summary>
public sealed record SealedCell(string SubjectId, string IndicatorId, string Group, int Count, decimal? Sum, decimal? Min, decimal? Max, bool Paper = false)
{
    public bool BelowMinimum => Sum is null;

    /// <summary>The cell as one line of the sealed text the seal's hash is taken over.</summary>
    public string Canonical() => string.Join('|', SubjectId, IndicatorId, Group, Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Sum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", Min?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
        Max?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", Paper ? "paper" : "online");
}
