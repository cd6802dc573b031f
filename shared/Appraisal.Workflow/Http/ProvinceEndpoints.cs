using Appraisal.Domain.Periods;
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
    public static async Task<IResult> StatusAsync(HttpRequest request, DurableTaskClient client, string provinceId, string period)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            await Access.CheckAsync(request, AccessRule.ReadProvince).ConfigureAwait(false);
        }
        catch (Cycle.RequestRefusedException ex)
        {
            return Handler.Refused(request, ex);
        }

        if (!Period.TryParse(period, out var p, out var reason) || p.Kind != PeriodKind.Quarter)
        {
            var language = RequestLanguage.Of(request);
            return Problems.Of(request, 400, Problems.Text(language, "请求无效", "Bad request"),
                Problems.Text(language, $"period：应为季度，如 2026-Q1，实际为 '{period}'", $"period: expected a quarter such as 2026-Q1, found '{period}'{(p.Kind == PeriodKind.Quarter ? $" ({reason})" : "")}"));
        }

        return await CycleEndpoints.InstanceStatusAsync(request, client, ProvinceInput.InstanceIdOf(provinceId, p.ToString())).ConfigureAwait(false);
    }
}
