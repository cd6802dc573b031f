using Appraisal.Workflow.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Appraisal.Functions.Http;

/// <summary>The health endpoint. Anonymous, like the approval links (App Service Authentication lets <c>/api/health</c>
/// through unauthenticated): a monitor asks it without signing in, and it answers each part's state only.</summary>
public static class HealthFunctions
{
    [Function(nameof(GetHealth))]
    public static Task<IResult> GetHealth(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        HealthEndpoints.GetAsync(request, client);
}
