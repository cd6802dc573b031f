using Appraisal.Domain.Schemes;

namespace Appraisal.Domain.Scoring;

/// <summary>Ratings summed per subject, rated indicator and rater group (count, sum, lowest, highest):
/// all that the mean, with or without the extremes dropped, needs.</summary>
public sealed class RatingTable
{
    private readonly Cell[] _cells;

    private RatingTable(int subjects, int indicators, int groups)
    {
        Indicators = indicators;
        Groups = groups;
        _cells = new Cell[Math.Max(0, subjects * indicators * groups)];
    }

    internal int Indicators { get; }

    internal int Groups { get; }

    internal ref Cell this[int subject, int indicator, int group] =>
        ref _cells[(((subject * Indicators) + indicator) * Groups) + group];

    /// <summary>Indexes ratings; unknown subjects, indicators or groups are refused (check inputs first).</summary>
    public static RatingTable Build(Scheme scheme, SubjectSet subjects, IEnumerable<Rating> ratings)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(ratings);
        var rated = scheme.RatedIndicators;
        var groups = rated.Count == 0 ? 0 : rated.Max(r => r.RaterGroups.Count);
        var table = new RatingTable(subjects.Count, rated.Count, groups);
        var indicatorIndex = rated.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var groupIndex = rated.Select(r => r.RaterGroups.Select((g, i) => (g.Group, i)).ToDictionary(x => x.Group, x => x.i, StringComparer.Ordinal)).ToArray();

        foreach (var rating in ratings)
        {
            var s = subjects.IndexOf(rating.SubjectId);
            if (s < 0 || !indicatorIndex.TryGetValue(rating.IndicatorId, out var r) || !groupIndex[r].TryGetValue(rating.Group, out var g))
            {
                throw new ArgumentException($"rating of '{rating.SubjectId}' on '{rating.IndicatorId}' by group '{rating.Group}' does not match the scheme and subjects", nameof(ratings));
            }

            table[s, r, g].Add(rating.Score);
        }

        return table;
    }

    /// <summary>One subject's ratings on one indicator from one group.</summary>
    internal struct Cell
    {
        public int Count;
        public decimal Sum;
        public decimal Min;
        public decimal Max;

        public void Add(decimal score)
        {
            if (Count == 0)
            {
                Min = score;
                Max = score;
            }
            else
            {
                Min = Math.Min(Min, score);
                Max = Math.Max(Max, score);
            }

            Count++;
            Sum += score;
        }

        /// <summary>The mean, without the highest and lowest when asked and there are at least three.</summary>
        public readonly decimal Mean(bool dropExtremes) =>
            dropExtremes && Count >= 3 ? (Sum - Min - Max) / (Count - 2) : Sum / Count;
    }
}
