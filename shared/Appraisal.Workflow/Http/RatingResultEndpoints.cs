using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>HTTP handlers for the results side of a rating window (民主测评): the appraisal office's paper results,
/// entered in aggregate, and the response rates (counts only).</summary>
public static class RatingResultEndpoints
{
    /// <summary>PUT cycles/{officeId}/{period}/ratings/paper: 200 with the entry stored (replacing one before).</summary>
    public static Task<IResult> PaperAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        Handler.JsonAsync<PaperRatingRequest>(request, AccessRule.EnterPaperRatings, officeId, null, async (body, caller, services, cancel) =>
        {
            var entry = await services.GetRequiredService<RatingResultsActions>().EnterPaperAsync(client, caller!, officeId, period, body, cancel).ConfigureAwait(false);
            return Results.Json(new { officeId, period = Handler.Period(period, "period").ToString(), entry.SubjectId, entry.IndicatorId, entry.Group, entry.Count, entry.Mean, paper = true }, CycleEndpoints.Json);
        });

    /// <summary>GET cycles/{officeId}/{period}/ratings/response-rates.</summary>
    public static Task<IResult> ResponseRatesAsync(HttpRequest request, string officeId, string period) =>
        Handler.RunAsync(request, AccessRule.ReadResponseRates, officeId, null, async (caller, services, cancel) =>
        {
            var rates = await services.GetRequiredService<RatingResultsActions>().ResponseRatesAsync(caller!, officeId, period, cancel).ConfigureAwait(false);
            return Results.Json(new
            {
                rates.OfficeId,
                rates.Period,
                rates.ClosesUtc,
                @sealed = rates.Sealed,
                rates.Raters,
                rates.Finished,
                rates.Rate,
                rates.BelowMinimum,
                groups = rates.Rows.Select(r => new { r.IndicatorId, r.Group, r.DepartmentId, r.Eligible, r.Answered, r.Rate, r.MinResponses, r.BelowMinimum }),
            }, CycleEndpoints.Json);
        });
}
