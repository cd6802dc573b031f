using Appraisal.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Appraisal.Functions.Http;

/// <summary>HTTP triggers for the department head's review of the people's self-evaluations (accept, or return with a
/// reason): the JSON action and the sheet's form; each delegates to the workflow's handlers.</summary>
public static class SelfEvaluationReviewFunctions
{
    [Function(nameof(ReviewSelfEvaluation))]
    public static Task<IResult> ReviewSelfEvaluation(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cycles/{officeId}/{period}/self-evaluations/{personId}/review")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period, string personId) =>
        SelfEvaluationEndpoints.ReviewAsync(request, client, officeId, period, personId);

    [Function(nameof(ReviewSelfEvaluationForm))]
    public static Task<IResult> ReviewSelfEvaluationForm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "pages/cycles/{officeId}/{period}/departments/{departmentId}/self-evaluations/{personId}/review")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period, string departmentId, string personId) =>
        PageEndpoints.SelfEvaluationReviewSubmitAsync(request, client, officeId, period, departmentId, personId);
}
