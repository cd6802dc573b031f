using Appraisal.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Appraisal.Functions.Http;

/// <summary>The pages behind the Party group's emailed links. Anonymous: the signed, single-use link is the
/// credential, and a member opens it from mail without a function key (App Service Authentication lets
/// <c>/api/approvals/*</c> through unauthenticated for the same reason).</summary>
public static class ApprovalFunctions
{
    [Function(nameof(OpenApprovalLink))]
    public static Task<IResult> OpenApprovalLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "approvals/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string token) =>
        ApprovalEndpoints.OpenAsync(request, client, token);

    [Function(nameof(SubmitApprovalLink))]
    public static Task<IResult> SubmitApprovalLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "approvals/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string token) =>
        ApprovalEndpoints.DecideAsync(request, client, token);
}
