using Appraisal.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Appraisal.Functions.Http;

/// <summary>HTTP triggers for scheme documents (考核方案); each delegates to <see cref="SchemeEndpoints"/> or
/// <see cref="SchemeDraftEndpoints"/>.</summary>
public static class SchemeFunctions
{
    [Function(nameof(ValidateScheme))]
    public static Task<IResult> ValidateScheme(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "schemes/validate")] HttpRequest request) =>
        SchemeEndpoints.ValidateAsync(request);

    [Function(nameof(GetSchemeTemplate))]
    public static Task<IResult> GetSchemeTemplate(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "schemes/templates/{letter}")] HttpRequest request, string letter) =>
        SchemeEndpoints.GetTemplateAsync(letter, request);

    [Function(nameof(ListSchemeTemplates))]
    public static Task<IResult> ListSchemeTemplates(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "schemes/templates")] HttpRequest request) =>
        SchemeEndpoints.ListTemplatesAsync(request);

    [Function(nameof(CreateSchemeDraft))]
    public static Task<IResult> CreateSchemeDraft(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "schemes")] HttpRequest request) =>
        SchemeDraftEndpoints.CreateAsync(request);

    [Function(nameof(ListSchemeVersions))]
    public static Task<IResult> ListSchemeVersions(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "schemes/{schemeId}/versions")] HttpRequest request, string schemeId) =>
        SchemeDraftEndpoints.ListAsync(request, schemeId);

    [Function(nameof(GetSchemeVersion))]
    public static Task<IResult> GetSchemeVersion(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "schemes/{schemeId}/versions/{version}")] HttpRequest request, string schemeId, string version) =>
        SchemeDraftEndpoints.GetAsync(request, schemeId, version);

    [Function(nameof(UpdateSchemeDraft))]
    public static Task<IResult> UpdateSchemeDraft(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "schemes/{schemeId}/versions/{version}")] HttpRequest request, string schemeId, string version) =>
        SchemeDraftEndpoints.UpdateAsync(request, schemeId, version);

    [Function(nameof(SubmitSchemeDraft))]
    public static Task<IResult> SubmitSchemeDraft(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "schemes/{schemeId}/versions/{version}/submission")] HttpRequest request, string schemeId, string version) =>
        SchemeDraftEndpoints.SubmitAsync(request, schemeId, version);
}
