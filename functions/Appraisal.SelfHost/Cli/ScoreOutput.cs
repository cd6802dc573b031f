using System.Text.Json;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;
using Appraisal.Workflow.Exports;

namespace Appraisal.SelfHost.Cli;

/// <summary>Writes scorecards as JSON (complete), a summary CSV (one row per subject) and a lines CSV (every line),
/// both by the result exports' CSV writer (<see cref="TableFiles.Csv"/>: formula-safe, UTF-8 with a byte order mark).</summary>
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

        var categories = scheme.Categories.Select(c => c.Id).ToList();
        var summaryTable = new ExportTable("scorecards",
            ["subject_id", "name", "department_id", "staff_category", "total", "qualified_grade", "grade", "quota_tie", "department_rank", "office_rank", .. categories, "warnings"],
            [.. cards.OrderBy(c => c.OfficeRank).ThenBy(c => c.SubjectId, StringComparer.Ordinal).Select(card => Row(
            [
                card.SubjectId, card.SubjectName, card.DepartmentId, card.StaffCategory?.ToString(), card.Total, ScorecardText.Grade(card.QualifiedGrade, language),
                ScorecardText.Grade(card.Grade, language), card.QuotaTie ? "yes" : null, card.DepartmentRank, card.OfficeRank,
                .. categories.Select(id => (object?)card.Categories.First(c => c.Category == id).Points),
                string.Join("; ", card.Warnings.Select(w => ScorecardText.Warning(w, scheme, language))),
            ]))])
        { Decimals = scheme.Decimals };
        var linesTable = new ExportTable("lines",
            ["subject_id", "category", "kind", "item", "outcome", "input", "units", "basis", "raw", "points", "evidence", "source", "rule"],
            [.. cards.SelectMany(card => card.Lines.Select(line => Row(
            [
                card.SubjectId, line.Category, line.Kind.ToString(), line.Item, line.Outcome.ToString(), line.Input, line.Units, line.Basis,
                line.Raw, line.Points, line.Entry?.Evidence, line.Entry?.Source?.ToString(), ScorecardText.Line(line, scheme, language),
            ])))])
        { Decimals = scheme.Decimals };

        // The exports' CSV writer: text a spreadsheet would run as a formula stays text.
        await File.WriteAllBytesAsync(summary, TableFiles.Csv(summaryTable), cancel);
        await File.WriteAllBytesAsync(lines, TableFiles.Csv(linesTable), cancel);

        return [json, summary, lines];
    }

    private static IReadOnlyList<object?> Row(IReadOnlyList<object?> cells) => cells;
}
