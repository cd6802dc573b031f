namespace Appraisal.Workflow.Exports;

/// <summary>One view of an export — a CSV file, or a sheet of a workbook: its name, column headings and rows. A cell
/// is text, a whole number or a score (decimal, shown with the table's <see cref="Decimals"/>).</summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>The decimals its scores are shown with: the scorecards' (the scheme's decimals of scores), 2 by default.</summary>
    public int Decimals { get; init; } = Domain.Schemes.Scheme.DefaultDecimals;
}
