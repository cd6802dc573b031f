using Appraisal.Domain.Schemes;

namespace Appraisal.Domain.Scoring;

/// <summary>Ratings summed per subject, rated indicator and rater group (count, sum, lowest, highest):
/// all that the mean, with or without the extremes dropped, needs.</summary>
public sealed class RatingTable
{
    private readonly Cell[] _cells;
    private readonly Dictionary<string, int> _indicatorIndex;
    private readonly Dictionary<string, int>[] _groupIndex;
    private readonly SubjectSet _subjects;

    private RatingTable(Scheme scheme, SubjectSet subjects)
    {
        var rated = scheme.RatedIndicators;
        _subjects = subjects;
        Indicators = rated.Count;
        Groups = rated.Count == 0 ? 0 : rated.Max(r => r.RaterGroups.Count);
        _cells = new Cell[Math.Max(0, subjects.Count * Indicators * Groups)];
        _indicatorIndex = rated.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _groupIndex = rated.Select(r => r.RaterGroups.Select((g, i) => (g.Group, i)).ToDictionary(x => x.Group, x => x.i, StringComparer.Ordinal)).ToArray();
    }

    internal int Indicators { get; }

    internal int Groups { get; }

    internal ref Cell this[int subject, int indicator, int group] =>
        ref _cells[(((subject * Indicators) + indicator) * Groups) + group];

    /// <summary>Indexes individual ratings (each a cell of one); unknown subjects, indicators or groups are refused
    /// (check inputs first).</summary>
    public static RatingTable Build(Scheme scheme, SubjectSet subjects, IEnumerable<Rating> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        return Build(scheme, subjects, ratings.Select(RatingCell.Of));
    }

    /// <summary>Indexes ratings already summed per subject, indicator and group (a questionnaire's tally, paper
    /// results); cells of the same subject, indicator and group add up, and a paper part makes the whole cell paper
    /// (no extremes to drop). Unknown subjects, indicators or groups are refused, as are negative counts.</summary>
    public static RatingTable Build(Scheme scheme, SubjectSet subjects, IEnumerable<RatingCell> cells)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(cells);
        var table = new RatingTable(scheme, subjects);
        foreach (var cell in cells)
        {
            if (cell.Count < 0)
            {
                throw new ArgumentException($"rating cell of '{cell.SubjectId}' on '{cell.IndicatorId}' by group '{cell.Group}' has a negative count {cell.Count}", nameof(cells));
            }

            table.CellOf(cell.SubjectId, cell.IndicatorId, cell.Group, nameof(cells)).Add(cell);
        }

        return table;
    }

    /// <summary>The summed ratings of one subject on one indicator from one group, as a cell (count 0: none).</summary>
    public RatingCell Find(string subjectId, string indicatorId, string group)
    {
        ref var cell = ref CellOf(subjectId, indicatorId, group, nameof(subjectId));
        return new(subjectId, indicatorId, group, cell.Count, cell.Sum, cell.Min, cell.Max, cell.Paper);
    }

    private ref Cell CellOf(string subjectId, string indicatorId, string group, string parameter)
    {
        var s = _subjects.IndexOf(subjectId);
        if (s < 0 || !_indicatorIndex.TryGetValue(indicatorId, out var r) || !_groupIndex[r].TryGetValue(group, out var g))
        {
            throw new ArgumentException($"rating of '{subjectId}' on '{indicatorId}' by group '{group}' does not match the scheme and subjects", parameter);
        }

        return ref this[s, r, g];
    }

    /// <summary>One subject's ratings on one indicator from one group.</summary>
    internal struct Cell
    {
        public int Count;
        public decimal Sum;
        public decimal Min;
        public decimal Max;

        /// <summary>Some of the ratings came as a paper result (a count and a mean): no extremes to drop.</summary>
        public bool Paper;

        public void Add(RatingCell cell)
        {
            if (cell.Count == 0)
            {
                return;
            }

            Min = Count == 0 ? cell.Min : Math.Min(Min, cell.Min);
            Max = Count == 0 ? cell.Max : Math.Max(Max, cell.Max);
            Count += cell.Count;
            Sum += cell.Sum;
            Paper |= cell.Paper;
        }

        /// <summary>The mean, without the highest and lowest when asked and there are at least three individual ratings.</summary>
        public readonly decimal Mean(bool dropExtremes) =>
            dropExtremes && !Paper && Count >= 3 ? (Sum - Min - Max) / (Count - 2) : Sum / Count;
    }
}
