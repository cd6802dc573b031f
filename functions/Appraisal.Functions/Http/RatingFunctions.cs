using Appraisal.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Appraisal.Functions.Http;

/// <summary>HTTP triggers for the raters' questionnaire (民主测评问卷), API and page; each delegates to
/// <see cref="RatingEndpoints"/> or <see cref="PageEndpoints"/>.</summary>
public static class RatingFunctions
{
    [Function(nameof(GetRatingQuestionnaire))]
    public static Task<IResult> GetRatingQuestionnaire(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "cycles/{officeId}/{period}/ratings")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period) =>
        RatingEndpoints.QuestionnaireAsync(request, client, officeId, period);

    [Function(nameof(AnswerRatingSection))]
    public static Task<IResult> AnswerRatingSection(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cycles/{officeId}/{period}/ratings/{sectionId}")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period, string sectionId) =>
        RatingEndpoints.AnswerAsync(request, client, officeId, period, sectionId);

    [Function(nameof(RatingsPage))]
    public static Task<IResult> RatingsPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/cycles/{officeId}/{period}/ratings")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period) =>
        PageEndpoints.RatingsFormAsync(request, client, officeId, period);

    [Function(nameof(AnswerRatingSectionForm))]
    public static Task<IResult> AnswerRatingSectionForm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "pages/cycles/{officeId}/{period}/ratings/{sectionId}")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period, string sectionId) =>
        PageEndpoints.RatingsSubmitAsync(request, client, officeId, period, sectionId);
}
