using System.Globalization;
using System.Text.RegularExpressions;
using Appraisal.Workflow.Actions;

namespace Appraisal.Workflow.Pages;

/// <summary>Which of a returned submission's ledger rows the appraisal office's reason names: the office returns a
/// submission with one reason in its own words, so a row is concerned when the reason names its number
/// (第 3 行 / row 3), its subject (by id or name) or its ledger item (by id or name). The reason itself is shown at the
/// top of the sheet either way; this only repeats it beside the rows it names.</summary>
public static partial class ReturnReason
{
    public static bool Concerns(string? reason, DepartmentSheet sheet, LedgerRow row, int number)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(row);
        if (string.IsNullOrWhiteSpace(reason) || row.IsEmpty)
        {
            return false;
        }

        foreach (Match m in RowNumber().Matches(reason))
        {
            if (int.Parse(m.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture) == number)
            {
                return true;
            }
        }

        var subject = sheet.Subjects.FirstOrDefault(s => s.Id == row.Subject);
        var item = sheet.Scheme.LedgerItems.FirstOrDefault(i => i.Id == row.Item);
        return Names(reason, row.Subject) || Names(reason, subject?.Name) || Names(reason, row.Item) || Names(reason, item?.Name.Zh) || Names(reason, item?.Name.En);
    }

    /// <summary>Whether the reason contains the name; names of one character (a stray 张) are too short to tell.</summary>
    private static bool Names(string reason, string? name) => name is { Length: >= 2 } && reason.Contains(name, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"第\s*(?<n>[0-9]{1,3})\s*行|\brows?\s*(?<n>[0-9]{1,3})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex RowNumber();
}
