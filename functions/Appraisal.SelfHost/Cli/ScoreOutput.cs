using System.Globalization;
using System.Text;
using System.Text.Json;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;

namespace Appraisal.SelfHost.Cli;

/// <summary>Writes scorecards as JSON (complete), a summary CSV (one row per subject) and a lines CSV (every line).</summary>
internal static class ScoreOutput
{
    public static async Task<IReadOnlyList<string>> WriteAsync(DirectoryInfo dir, Scheme scheme, IReadOnlyList<Scorecard> cards, Language language, CancellationToken cancel)
    {
        dir.Create();
        var json = Path.Combine(dir.FullName, "scorecards.json");
        var summary = Path.Combine(dir.FullName, "scorecards.csv");
        var lines = Path.Combine(dir.FullName, "lines.csv");
        await using (var stream = File.Create(json))
        {
            await JsonSerializer.SerializeAsync(stream, cards, DomainJson.Options, cancel);
        }

        await using (var writer = new StreamWriter(summary, false, new UTF8Encoding(true)))
        {
            var categories = scheme.Categories.Select(c => c.Id).ToList();
            await writer.WriteLineAsync(string.Join(',', new[] { "subject_id", "name", "department_id", "staff_category", "total", "qualified_grade", "grade", "quota_tie", "department_rank", "office_rank" }
                .Concat(categories).Append("warnings")));
            foreach (var card in cards.OrderBy(c => c.OfficeRank).ThenBy(c => c.SubjectId, StringComparer.Ordinal))
            {
                var fields = new List<string>
                {
                    CsvReader.Escape(card.SubjectId), CsvReader.Escape(card.SubjectName), CsvReader.Escape(card.DepartmentId),
                    card.StaffCategory?.ToString() ?? string.Empty, D(card.Total), ScorecardText.Grade(card.QualifiedGrade, language),
                    ScorecardText.Grade(card.Grade, language), card.QuotaTie ? "yes" : string.Empty,
                    card.DepartmentRank?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, card.OfficeRank.ToString(CultureInfo.InvariantCulture),
                };
                fields.AddRange(categories.Select(id => D(card.Categories.First(c => c.Category == id).Points)));
                fields.Add(CsvReader.Escape(string.Join("; ", card.Warnings.Select(w => ScorecardText.Warning(w, scheme, language)))));
                await writer.WriteLineAsync(string.Join(',', fields));
            }
        }

        await using (var writer = new StreamWriter(lines, false, new UTF8Encoding(true)))
        {
            await writer.WriteLineAsync("subject_id,category,kind,item,outcome,input,units,basis,raw,points,evidence,source,rule");
            foreach (var card in cards)
            {
                foreach (var line in card.Lines)
                {
                    await writer.WriteLineAsync(string.Join(',',
                        CsvReader.Escape(card.SubjectId), line.Category, line.Kind, CsvReader.Escape(line.Item), line.Outcome,
                        line.Input is { } input ? D(input) : string.Empty, line.Units.ToString(CultureInfo.InvariantCulture), line.Basis.ToString(CultureInfo.InvariantCulture),
                        D(line.Raw), D(line.Points), CsvReader.Escape(line.Entry?.Evidence), CsvReader.Escape(line.Entry?.Source?.ToString()),
                        CsvReader.Escape(ScorecardText.Line(line, scheme, language))));
                }
            }
        }

        return [json, summary, lines];
    }

    private static string D(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
