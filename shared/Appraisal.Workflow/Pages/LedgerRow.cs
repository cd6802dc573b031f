namespace Appraisal.Workflow.Pages;

/// <summary>One row of the department's ledger claims as the form holds it (what was entered, kept on a refusal).</summary>
public sealed record LedgerRow(string Subject, string Item, string Occurrences, string Evidence, string Note)
{
    public static LedgerRow Empty { get; } = new(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);

    public bool IsEmpty => Subject.Length == 0 && Item.Length == 0 && Occurrences.Length == 0 && Evidence.Length == 0 && Note.Length == 0;
}
