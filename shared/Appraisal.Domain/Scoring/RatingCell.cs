namespace Appraisal.Domain.Scoring;

/// <summary>One subject's responses on one rated indicator from one rater group, summed: how many, their sum, the
/// lowest and highest. A paper cell (<see cref="Paper"/>, results counted off paper questionnaires) has a count and a
/// mean only: it has no extremes to drop.</summary>
public readonly record struct RatingCell(string SubjectId, string IndicatorId, string Group, int Count, decimal Sum, decimal Min, decimal Max, bool Paper = false)
{
    public decimal? Mean => Count == 0 ? null : Sum / Count;

    /// <summary>The cell of individual scores (each 0–100).</summary>
    public static RatingCell Of(string subjectId, string indicatorId, string group, IEnumerable<decimal> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        int count = 0;
        decimal sum = 0m, min = 0m, max = 0m;
        foreach (var score in scores)
        {
            min = count == 0 ? score : Math.Min(min, score);
            max = count == 0 ? score : Math.Max(max, score);
            sum += score;
            count++;
        }

        return new(subjectId, indicatorId, group, count, sum, min, max);
    }

    /// <summary>A paper result: <paramref name="count"/> questionnaires averaging <paramref name="mean"/> (0–100).</summary>
    public static RatingCell FromPaper(string subjectId, string indicatorId, string group, int count, decimal mean)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(mean);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mean, 100m);
        return new(subjectId, indicatorId, group, count, mean * count, mean, mean, Paper: true);
    }

    /// <summary>One individual rating as a cell of one.</summary>
    public static RatingCell Of(Rating rating)
    {
        ArgumentNullException.ThrowIfNull(rating);
        return new(rating.SubjectId, rating.IndicatorId, rating.Group, 1, rating.Score, rating.Score, rating.Score);
    }

    /// <summary>Individual ratings summed into one cell per subject, indicator and group.</summary>
    public static IReadOnlyList<RatingCell> Aggregate(IEnumerable<Rating> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var cells = new Dictionary<(string, string, string), RatingCell>();
        foreach (var rating in ratings)
        {
            var key = (rating.SubjectId, rating.IndicatorId, rating.Group);
            cells[key] = cells.TryGetValue(key, out var cell)
                ? cell with { Count = cell.Count + 1, Sum = cell.Sum + rating.Score, Min = Math.Min(cell.Min, rating.Score), Max = Math.Max(cell.Max, rating.Score) }
                : Of(rating);
        }

        return cells.Values.ToList();
    }
}
