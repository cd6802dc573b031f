namespace Appraisal.Workflow.Http;

/// <summary>The ready-made scheme templates, in letter order.</summary>
public sealed record TemplateListResponse(IReadOnlyList<TemplateSummary> Templates);
