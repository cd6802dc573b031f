namespace Appraisal.Workflow.Pages;

/// <summary>The dashboard's resend forms as a request left them: a refusal's errors and the mail they concern
/// (<c>stream/key</c>) with the address entered, or the notice of a resend; where the forms post, and their
/// anti-forgery value (null: no forms).</summary>
public sealed record SetAsideForm(IReadOnlyList<FieldMessage> Errors, string? Mail, string? EnteredTo, string? Notice)
{
    public string Action { get; init; } = string.Empty;

    public string? AntiForgery { get; init; }
}
