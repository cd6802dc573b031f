using Appraisal.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Appraisal.Functions.Http;

/// <summary>HTTP triggers for a rating window's paper results and response rates — the JSON actions and the appraisal
/// office's paper-entry page; each delegates to the workflow's handlers.</summary>
public static class RatingResultFunctions
{
    [Function(nameof(EnterPaperRatings))]
    public static Task<IResult> EnterPaperRatings(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "cycles/{officeId}/{period}/ratings/paper")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period) =>
        RatingResultEndpoints.PaperAsync(request, client, officeId, period);

    [Function(nameof(GetResponseRates))]
    public static Task<IResult> GetResponseRates(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "cycles/{officeId}/{period}/ratings/response-rates")] HttpRequest request, string officeId, string period) =>
        RatingResultEndpoints.ResponseRatesAsync(request, officeId, period);

    [Function(nameof(PaperRatingsPage))]
    public static Task<IResult> PaperRatingsPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/cycles/{officeId}/{period}/ratings/paper")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period) =>
        PageEndpoints.PaperRatingsAsync(request, client, officeId, period);

    [Function(nameof(EnterPaperRatingsForm))]
    public static Task<IResult> EnterPaperRatingsForm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "pages/cycles/{officeId}/{period}/ratings/paper")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period) =>
        PageEndpoints.PaperRatingsSubmitAsync(request, client, officeId, period);
}
