using Appraisal.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Appraisal.Functions.Http;

/// <summary>HTTP triggers for scheme documents (考核方案); each delegates to <see cref="SchemeEndpoints"/>.</summary>
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
}
