using System.Globalization;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;

namespace Appraisal.Domain.Inputs;

/// <summary>Ledger entries (台帐): bonuses and deductions claimed, with their evidence, one entry a row.</summary>
/// <remarks>Columns: subject_id, item_id, occurrences, evidence, note.</remarks>
public static class LedgerCsv
{
    public static IReadOnlyList<string> Columns { get; } = ["subject_id", "item_id", "occurrences", "evidence", "note"];

    /// <summary>Reads and checks every row against the scheme and subjects; a year-end ledger may only hold year-end-only items.</summary>
    public static List<LedgerEntry> Read(TextReader reader, string file, Scheme scheme, SubjectSet subjects, Period period, InputErrors errors)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(errors);
        var entries = new List<LedgerEntry>();
        var items = scheme.LedgerItems.ToDictionary(i => i.Id, StringComparer.Ordinal);
        CsvTable.Read(reader, file, Columns, errors, (line, get) =>
        {
            var before = errors.Items.Count;
            var subject = CaseCsv.Required(get, "subject_id", file, line, errors);
            var itemId = CaseCsv.Required(get, "item_id", file, line, errors);
            var occurrencesText = get("occurrences");
            errors.CheckText(file, line, "evidence", get("evidence"), TextRules.MaxNote, required: false);
            errors.CheckText(file, line, "note", get("note"), TextRules.MaxNote, required: false, paragraph: true);
            if (subject.Length > 0 && subjects.IndexOf(subject) < 0)
            {
                errors.Add(file, line, "subject_id", $"expected someone appraised under scheme {scheme.Id}, found '{subject}'",
                    $"应为方案 {scheme.Id} 的考核对象，实际为 '{subject}'");
            }

            if (itemId.Length > 0 && !items.TryGetValue(itemId, out var item))
            {
                errors.Add(file, line, "item_id", $"expected a ledger item of scheme {scheme.Id}, found '{itemId}'", $"应为方案 {scheme.Id} 的台帐项目，实际为 '{itemId}'");
            }
            else if (period.Kind == PeriodKind.Year && items.TryGetValue(itemId, out item) && !item.YearEndOnly)
            {
                errors.Add(file, line, "item_id", $"expected a year-end-only item in a year-end ledger ('{itemId}' belongs in a quarter's ledger)",
                    $"年终台帐只应记仅在年终计分的项目，实际为 '{itemId}'（应记入季度台帐）");
            }

            if (!int.TryParse(occurrencesText, NumberStyles.None, CultureInfo.InvariantCulture, out var occurrences) || occurrences < 1 || occurrences > 1000)
            {
                errors.Add(file, line, "occurrences", $"expected a whole number from 1 to 1000, found '{occurrencesText}'", $"应为 1 至 1000 的整数，实际为 '{occurrencesText}'");
            }

            if (errors.Items.Count == before)
            {
                var evidence = get("evidence");
                var note = get("note");
                entries.Add(new LedgerEntry
                {
                    SubjectId = subject,
                    ItemId = itemId,
                    Occurrences = occurrences,
                    Evidence = evidence.Length == 0 ? null : evidence,
                    Note = note.Length == 0 ? null : note,
                    Source = new(file, line),
                });
            }
        });

        return entries;
    }

    /// <summary>Rows as entered — subject, item, occurrences, evidence, note, each as text — as a ledger CSV to
    /// <see cref="Read"/>: its header, then one line a row (line 2 for the first).</summary>
    public static string Text(IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new System.Text.StringBuilder(string.Join(',', Columns)).Append('\n');
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(CsvReader.Escape)).Append('\n');
        }

        return text.ToString();
    }

    public static void Write(TextWriter writer, IEnumerable<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entries);
        writer.WriteLine(string.Join(',', Columns));
        foreach (var e in entries)
        {
            writer.WriteLine(string.Join(',', CsvReader.Escape(e.SubjectId), CsvReader.Escape(e.ItemId),
                e.Occurrences.ToString(CultureInfo.InvariantCulture), CsvReader.Escape(e.Evidence), CsvReader.Escape(e.Note)));
        }
    }
}
