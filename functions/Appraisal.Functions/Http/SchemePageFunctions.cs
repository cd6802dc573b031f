using Appraisal.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Appraisal.Functions.Http;

/// <summary>HTTP triggers for the scheme drafting pages (方案制定); each delegates to <see cref="PageEndpoints"/>.</summary>
public static class SchemePageFunctions
{
    [Function(nameof(SchemesPage))]
    public static Task<IResult> SchemesPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/offices/{officeId}/schemes")] HttpRequest request, string officeId) =>
        PageEndpoints.SchemesAsync(request, officeId);

    [Function(nameof(StartSchemeDraftForm))]
    public static Task<IResult> StartSchemeDraftForm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "pages/offices/{officeId}/schemes")] HttpRequest request, string officeId) =>
        PageEndpoints.StartSchemeDraftAsync(request, officeId);

    [Function(nameof(SchemeDraftPage))]
    public static Task<IResult> SchemeDraftPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/offices/{officeId}/schemes/{schemeId}/versions/{version}")] HttpRequest request,
        string officeId, string schemeId, string version) =>
        PageEndpoints.SchemeDraftAsync(request, officeId, schemeId, version);

    [Function(nameof(SaveSchemeDraftForm))]
    public static Task<IResult> SaveSchemeDraftForm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "pages/offices/{officeId}/schemes/{schemeId}/versions/{version}")] HttpRequest request,
        string officeId, string schemeId, string version) =>
        PageEndpoints.SaveSchemeDraftAsync(request, officeId, schemeId, version);

    [Function(nameof(SubmitSchemeDraftForm))]
    public static Task<IResult> SubmitSchemeDraftForm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "pages/offices/{officeId}/schemes/{schemeId}/versions/{version}/submission")] HttpRequest request,
        string officeId, string schemeId, string version) =>
        PageEndpoints.SubmitSchemeDraftAsync(request, officeId, schemeId, version);

    [Function(nameof(SchemeDiffPage))]
    public static Task<IResult> SchemeDiffPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/offices/{officeId}/schemes/{schemeId}/versions/{version}/diff")] HttpRequest request,
        string officeId, string schemeId, string version) =>
        PageEndpoints.SchemeDiffAsync(request, officeId, schemeId, version);

    [Function(nameof(SchemePreviewPage))]
    public static Task<IResult> SchemePreviewPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/offices/{officeId}/schemes/{schemeId}/versions/{version}/preview")] HttpRequest request,
        string officeId, string schemeId, string version) =>
        PageEndpoints.SchemePreviewAsync(request, officeId, schemeId, version);
}
