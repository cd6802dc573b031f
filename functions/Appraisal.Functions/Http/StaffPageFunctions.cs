using Appraisal.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Appraisal.Functions.Http;

/// <summary>HTTP triggers for a person's own pages beyond the to-do list; each delegates to <see cref="PageEndpoints"/>.</summary>
public static class StaffPageFunctions
{
    [Function(nameof(RunningScorePage))]
    public static Task<IResult> RunningScorePage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/offices/{officeId}/people/{personId}/running-score")] HttpRequest request, string officeId, string personId) =>
        PageEndpoints.RunningScoreAsync(request, officeId, personId);

    [Function(nameof(UploadSelfEvaluationEvidenceForm))]
    public static Task<IResult> UploadSelfEvaluationEvidenceForm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "pages/cycles/{officeId}/{period}/self-evaluation/evidence")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string officeId, string period) =>
        PageEndpoints.SelfEvaluationEvidenceUploadAsync(request, client, officeId, period);
}
