namespace Appraisal.Workflow.Exports;

/// <summary>One view of an export — a CSV file, or a sheet of a workbook: its name, column headings and rows. A cell
/// is text, a whole number or a score (decimal, shown with two places).</summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);
