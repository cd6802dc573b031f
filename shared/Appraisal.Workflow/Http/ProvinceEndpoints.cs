using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Province;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>HTTP handlers for a province's quarter: start (every office, or those named, fanned out in batches) and
/// status (the batches still running, then which offices completed and which failed, with the reason).</summary>
public static class ProvinceEndpoints
{
    /// <summary>POST provinces/cycles: 202 with the status URL when started now, 200 when it was already there.</summary>
    public static Task<IResult> StartAsync(HttpRequest request, DurableTaskClient client) =>
        Handler.JsonAsync<ProvinceStart>(request, AccessRule.StartProvince, null, null, async (start, caller, services, cancel) =>
        {
            var (id, started, offices) = await services.GetRequiredService<StartActions>().StartProvinceAsync(client, caller!, start, cancel).ConfigureAwait(false);
            var location = $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/provinces/{start.ProvinceId}/{start.Period}";
            var body = new { instanceId = id, started, offices, statusUrl = location };
            return started ? Results.Accepted(location, body) : Results.Ok(body);
        });

    /// <summary>GET provinces/{provinceId}/{period}.</summary>
    public static Task<IResult> StatusAsync(HttpRequest request, DurableTaskClient client, string provinceId, string period) =>
        Handler.RunAsync(request, AccessRule.ReadProvince, null, null, async (caller, services, cancel) =>
            CycleEndpoints.StatusOf(request, await services.GetRequiredService<ResultQueries>().ProvinceStatusAsync(client, caller!, provinceId, period, cancel).ConfigureAwait(false)));
}
