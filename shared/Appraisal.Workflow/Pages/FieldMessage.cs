namespace Appraisal.Workflow.Pages;

/// <summary>A refusal as a form shows it: the field it concerns and the message in the reader's language.</summary>
public sealed record FieldMessage(string Field, string Message);
