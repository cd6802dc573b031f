using System.Globalization;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;

namespace Appraisal.Domain.Inputs;

/// <summary>Ratings for rated indicators (民主测评, 领导评价, 同事评议), one rater's rating a row.</summary>
/// <remarks>Columns: subject_id, indicator_id, rater_group, rater_id, score (0–100).</remarks>
public static class RatingCsv
{
    public static IReadOnlyList<string> Columns { get; } = ["subject_id", "indicator_id", "rater_group", "rater_id", "score"];

    public static List<Rating> Read(TextReader reader, string file, Scheme scheme, SubjectSet subjects, InputErrors errors)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(errors);
        var ratings = new List<Rating>();
        var indicators = scheme.RatedIndicators.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var seen = new HashSet<(string, string, string)>();
        CsvTable.Read(reader, file, Columns, errors, (line, get) =>
        {
            var before = errors.Items.Count;
            var subject = CaseCsv.Required(get, "subject_id", file, line, errors);
            var indicatorId = CaseCsv.Required(get, "indicator_id", file, line, errors);
            var group = CaseCsv.Required(get, "rater_group", file, line, errors);
            var rater = CaseCsv.Required(get, "rater_id", file, line, errors);
            var scoreText = get("score");
            if (rater.Length > 0)
            {
                errors.CheckKey(file, line, "rater_id", rater);
            }
            if (subject.Length > 0 && subjects.IndexOf(subject) < 0)
            {
                errors.Add(file, line, "subject_id", $"expected someone appraised under scheme {scheme.Id}, found '{subject}'",
                    $"应为方案 {scheme.Id} 的考核对象，实际为 '{subject}'");
            }

            if (indicatorId.Length > 0 && !indicators.ContainsKey(indicatorId))
            {
                errors.Add(file, line, "indicator_id", $"expected a rated indicator of scheme {scheme.Id} ({string.Join(", ", indicators.Keys)}), found '{indicatorId}'",
                    $"应为方案 {scheme.Id} 的测评指标之一（{string.Join("、", indicators.Keys)}），实际为 '{indicatorId}'");
            }
            else if (group.Length > 0 && indicators.TryGetValue(indicatorId, out var indicator) && !indicator.RaterGroups.Any(g => g.Group == group))
            {
                errors.Add(file, line, "rater_group", $"expected one of {string.Join(", ", indicator.RaterGroups.Select(g => g.Group))} for {indicatorId}, found '{group}'",
                    $"{indicatorId} 的评价主体组应为 {string.Join("、", indicator.RaterGroups.Select(g => g.Group))} 之一，实际为 '{group}'");
            }

            if (!decimal.TryParse(scoreText, NumberStyles.Number, CultureInfo.InvariantCulture, out var score) || score is < 0 or > 100)
            {
                errors.Add(file, line, "score", $"expected a rating from 0 to 100, found '{scoreText}'", $"应为 0 至 100 的评分，实际为 '{scoreText}'");
            }

            if (errors.Items.Count == before && !seen.Add((subject, indicatorId, rater)))
            {
                errors.Add(file, line, "rater_id", $"expected one rating per rater, found a second rating of '{subject}' on {indicatorId} by '{rater}'",
                    $"每位评价人只应评分一次，实际 '{rater}' 对 '{subject}' 的 {indicatorId} 评分了第二次");
            }

            if (errors.Items.Count == before)
            {
                ratings.Add(new Rating { SubjectId = subject, IndicatorId = indicatorId, Group = group, RaterId = rater, Score = score, Source = new(file, line) });
            }
        });

        return ratings;
    }

    public static void Write(TextWriter writer, IEnumerable<Rating> ratings)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(ratings);
        writer.WriteLine(string.Join(',', Columns));
        foreach (var r in ratings)
        {
            writer.WriteLine(string.Join(',', CsvReader.Escape(r.SubjectId), CsvReader.Escape(r.IndicatorId), CsvReader.Escape(r.Group),
                CsvReader.Escape(r.RaterId), r.Score.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
