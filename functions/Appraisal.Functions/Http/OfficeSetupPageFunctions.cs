using Appraisal.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Appraisal.Functions.Http;

/// <summary>HTTP triggers for the appraisal office's setup pages — the imports by upload and the start of a period;
/// each delegates to <see cref="PageEndpoints"/>.</summary>
public static class OfficeSetupPageFunctions
{
    [Function(nameof(ImportPage))]
    public static Task<IResult> ImportPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/offices/{officeId}/imports")] HttpRequest request, string officeId) =>
        PageEndpoints.ImportFormAsync(request, officeId);

    [Function(nameof(ImportForm))]
    public static Task<IResult> ImportForm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "pages/offices/{officeId}/imports")] HttpRequest request, string officeId) =>
        PageEndpoints.ImportUploadAsync(request, officeId);

    [Function(nameof(StartCyclePage))]
    public static Task<IResult> StartCyclePage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/offices/{officeId}/cycle-start")] HttpRequest request, string officeId) =>
        PageEndpoints.StartCycleFormAsync(request, officeId);

    [Function(nameof(StartCycleForm))]
    public static Task<IResult> StartCycleForm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "pages/offices/{officeId}/cycle-start")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId) =>
        PageEndpoints.StartCycleSubmitAsync(request, client, officeId);
}
