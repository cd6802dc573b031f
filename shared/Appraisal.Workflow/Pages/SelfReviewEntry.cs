namespace Appraisal.Workflow.Pages;

/// <summary>What a department head entered in one person's review form on the department's sheet (the decision,
/// <c>accept</c> or <c>return</c>, and the reason), shown again beside that person's row with its error.</summary>
public sealed record SelfReviewEntry(string PersonId, string Decision, string Reason)
{
    /// <summary>The element an error of a person's review form points to: its reason box, else the row's form.</summary>
    public static string FieldId(string personId, string field) => field == "reason" ? $"selfreview-{personId}-reason" : $"selfreview-{personId}";
}
