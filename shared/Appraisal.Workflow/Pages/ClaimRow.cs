namespace Appraisal.Workflow.Pages;

/// <summary>One ledger claim on the verification page: its line in the submitted ledger.csv, the claim as submitted,
/// and the office's verdict as the form holds it (Accepted, Adjusted or Rejected; kept on a refusal).</summary>
public sealed record ClaimRow(int Line, LedgerRow Claim, string Verdict, string Occurrences, string Reason)
{
    public const string Accepted = "Accepted";

    /// <summary>The form fields of a claim's verdict, named by its line.</summary>
    public static string VerdictField(int line) => $"verdict-{line}";

    public static string OccurrencesField(int line) => $"occurrences-{line}";

    public static string ReasonField(int line) => $"claimreason-{line}";
}
