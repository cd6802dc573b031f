namespace Appraisal.Workflow.Pages;

/// <summary>One row of the department's ledger claims as the form holds it (what was entered, kept on a refusal).</summary>
public sealed record LedgerRow(string Subject, string Item, string Occurrences, string Evidence, string Note)
{
    public static LedgerRow Empty { get; } = new(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);

    /// <summary>The person whose accepted self-evaluation claimed this row (the sheet pre-fills it), kept while the
    /// head edits the sheet; none for a row the head entered.</summary>
    public string? From { get; init; }

    public bool IsEmpty => Subject.Length == 0 && Item.Length == 0 && Occurrences.Length == 0 && Evidence.Length == 0 && Note.Length == 0;

    /// <summary>A submitted ledger CSV's claims as rows, each with its line in the file (2 for the first row, as the
    /// office's verdicts and every error name it).</summary>
    public static List<(int Line, LedgerRow Row)> ByLine(string? csv)
    {
        var rows = new List<(int, LedgerRow)>();
        if (csv is { Length: > 0 })
        {
            Domain.Inputs.CsvTable.Read(new StringReader(csv), "ledger.csv", Domain.Inputs.LedgerCsv.Columns, new Domain.Inputs.InputErrors(), (line, get) =>
                rows.Add((line, new LedgerRow(get("subject_id"), get("item_id"), get("occurrences"), get("evidence"), get("note")))));
        }

        return rows;
    }
}
