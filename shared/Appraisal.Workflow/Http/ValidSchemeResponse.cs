namespace Appraisal.Workflow.Http;

/// <summary>The answer to a scheme document that passed validation (校验通过): which scheme and version it is,
/// and the warnings that do not block its use.</summary>
public sealed record ValidSchemeResponse(bool Valid, string SchemeId, int Version, IReadOnlyList<IssueResponse> Warnings);
