using System.Globalization;
using System.Text;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Appraisal.Workflow.Exports;

/// <summary>Export tables as files: CSV (RFC 4180, UTF-8 with a byte order mark so that Excel reads the Chinese,
/// text that a spreadsheet would take for a formula quoted with a leading apostrophe) and XLSX (a sheet per table,
/// bold frozen headings, scores as numbers shown with the table's decimals).</summary>
public static class TableFiles
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Csv(ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        text.AppendJoin(',', table.Headers.Select(Field)).Append("\r\n");
        foreach (var row in table.Rows)
        {
            text.AppendJoin(',', row.Select(cell => Cell(cell, table.Decimals))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(IReadOnlyList<ExportTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            uint id = 1;
            foreach (var table in tables)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.Append(new Row(table.Headers.Select(h => Text(h, StyleHeader))));
                foreach (var row in table.Rows)
                {
                    data.Append(new Row(row.Select(cell => XlsxCell(cell, table.Decimals))));
                }

                var frozen = new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 });
                part.Worksheet = new Worksheet(frozen, data);
                workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = table.Name });
            }

            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private const uint StyleHeader = 1;
    /// <summary>The style of a score with no decimals; with 1–4 decimals it is this plus the decimals.</summary>
    private const uint StyleScore = 2;

    private static readonly string[] ScoreFormats = [.. Enumerable.Range(0, Scheme.MaxDecimals + 1).Select(ScorecardText.ScoreFormat)];

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(ScoreFormats.Select((format, i) => new NumberingFormat { NumberFormatId = 164 + (uint)i, FormatCode = format })) { Count = (uint)ScoreFormats.Length },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats([
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            .. ScoreFormats.Select((_, i) => new CellFormat { NumberFormatId = 164 + (uint)i, ApplyNumberFormat = true })])
        { Count = 2 + (uint)ScoreFormats.Length });

    private static Cell XlsxCell(object? value, int decimals) => value switch
    {
        decimal d => new Cell { DataType = CellValues.Number, CellValue = new CellValue(d), StyleIndex = StyleScore + (uint)Math.Clamp(decimals, 0, ScoreFormats.Length - 1) },
        int i => new Cell { DataType = CellValues.Number, CellValue = new CellValue(i) },
        null => new Cell(),
        _ => Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, 0),
    };

    private static Cell Text(string text, uint style) => new(new InlineString(new Text(text))) { DataType = CellValues.InlineString, StyleIndex = style };

    private static string Cell(object? value, int decimals) => value switch
    {
        decimal d => ScorecardText.Score(d, decimals),
        int i => i.ToString(CultureInfo.InvariantCulture),
        null => string.Empty,
        _ => Field(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
    };

    private static string Field(string text)
    {
        // A spreadsheet runs text starting with = + - @ as a formula: keep it text.
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
