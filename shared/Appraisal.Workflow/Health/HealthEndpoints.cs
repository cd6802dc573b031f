using Appraisal.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Health;

/// <summary>GET health: 200 when storage, the task hub and the SMTP server answer, 503 with Retry-After when one does
/// not — each part's state and time, nothing more (no sign-in is needed, so no error text, host name or setting is
/// shown; the errors are in the log).</summary>
public static class HealthEndpoints
{
    public static Task<IResult> GetAsync(HttpRequest request, DurableTaskClient client) =>
        Handler.RunAsync(request, Identity.AccessRule.Probe, null, null, async (_, services, cancel) =>
            Answer(request, await services.GetRequiredService<HealthProbe>().CheckAsync(client, cancel).ConfigureAwait(false)));

    private static IResult Answer(HttpRequest request, HealthReport report)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        if (!report.Healthy)
        {
            request.HttpContext.Response.Headers.RetryAfter = "30";
        }

        return Results.Json(new
        {
            status = report.Healthy ? "Healthy" : "Unhealthy",
            checkedAt = report.CheckedAt,
            parts = report.Parts.Select(p => new { name = p.Name, state = p.State.ToString(), durationMs = p.DurationMs }),
        }, CycleEndpoints.Json, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
