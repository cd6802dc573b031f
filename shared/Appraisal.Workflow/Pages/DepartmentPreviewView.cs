using Appraisal.Domain.Scoring;
using Appraisal.Workflow.Actions;

namespace Appraisal.Workflow.Pages;

/// <summary>A preview as the department's sheet shows it: the scored claims, and which form row each line of the
/// ledger CSV came from (the filled rows in order), so each row's bonus or deduction is shown beside it.</summary>
public sealed record DepartmentPreviewView(DepartmentPreviewResult Result, IReadOnlyList<int> LedgerRows)
{
    /// <summary>The form row a scorecard line's ledger entry was read from, or null for a line of another kind.</summary>
    public int? RowOf(ScoreLine line) =>
        line.Entry?.Source is { File: "ledger.csv", Line: var n } && n >= 2 && n - 2 < LedgerRows.Count ? LedgerRows[n - 2] : null;

    /// <summary>The scorecard line a form row's ledger claim became (one line per entry), with its subject's card.</summary>
    public (Scorecard Card, ScoreLine Line)? LineOf(int row)
    {
        foreach (var card in Result.Cards)
        {
            foreach (var line in card.Lines)
            {
                if (RowOf(line) == row)
                {
                    return (card, line);
                }
            }
        }

        return null;
    }

    /// <summary>Points with their sign, as a bonus or deduction reads (+5.00, -2.00), to the scheme's decimals.</summary>
    public string Signed(decimal points) => (points > 0 ? "+" : string.Empty) + Html.N(points, Result.Decimals);

    /// <summary>The sum of a card's ledger bonuses and deductions.</summary>
    public static decimal LedgerPoints(Scorecard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.Lines.Where(l => l.Kind is LineKind.LedgerBonus or LineKind.LedgerDeduction).Sum(l => l.Points);
    }
}
