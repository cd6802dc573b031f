namespace Appraisal.Workflow.Http;

/// <summary>A ready-made scheme template (方案模板): its letter and a one-line description.</summary>
public sealed record TemplateSummary(string Letter, string Description);
