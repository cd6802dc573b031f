using Appraisal.Domain.Periods;
using Appraisal.Storage.SelfEvaluations;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>HTTP handlers for people's own self-evaluations (个人自评), handed to their department head while the
/// cycle is at self-evaluation and before its deadline. Each person submits their own; the same Idempotency-Key again
/// is the same request (200, nothing stored twice), a new key revises it. The department head (and the appraisal
/// office) read a department's self-evaluations in one request, and the head reviews each one: accepts it, or returns
/// it to the person with a reason.</summary>
public static class SelfEvaluationEndpoints
{
    /// <summary>POST cycles/{officeId}/{period}/people/{personId}/self-evaluation: 201 stored, 200 revised or repeated.</summary>
    public static Task<IResult> SubmitAsync(HttpRequest request, DurableTaskClient client, string officeId, string period, string personId) =>
        Handler.JsonAsync<SelfEvaluationRequest>(request, AccessRule.SelfEvaluate, officeId, null, async (body, caller, services, cancel) =>
        {
            var (stored, outcome) = await services.GetRequiredService<SelfEvaluationActions>().SubmitAsync(client, caller!, officeId, period, personId, body,
                request.Headers["Idempotency-Key"].FirstOrDefault(), cancel).ConfigureAwait(false);
            var record = stored.Value;
            var view = new { personId, departmentId = record.DepartmentId, period = record.Period, revision = record.Revision, outcome = outcome.ToString(), idempotencyKey = record.IdempotencyKey, claims = record.ClaimList };
            return outcome == SelfEvaluationWrite.Stored
                ? Results.Created($"{request.PathBase}/{EndpointCatalog.RoutePrefix}/cycles/{officeId}/{record.Period}/departments/{record.DepartmentId}/self-evaluations", view)
                : Results.Ok(view);
        });

    /// <summary>GET cycles/{officeId}/{period}/departments/{departmentId}/self-evaluations.</summary>
    public static Task<IResult> ListAsync(HttpRequest request, string officeId, string period, string departmentId) =>
        Handler.RunAsync(request, AccessRule.ReadSelfEvaluations, officeId, null, async (caller, services, cancel) =>
        {
            var rows = await services.GetRequiredService<SelfEvaluationActions>().ListAsync(caller!, officeId, period, departmentId, cancel).ConfigureAwait(false);
            return Results.Json(new { officeId, period = Handler.Period(period, "period", PeriodKind.Quarter, PeriodKind.Year).ToString(), departmentId, count = rows.Count, selfEvaluations = rows.Select(r => r.Value) }, CycleEndpoints.Json);
        });

    /// <summary>POST cycles/{officeId}/{period}/self-evaluations/{personId}/review: 202 with the review stored.</summary>
    public static Task<IResult> ReviewAsync(HttpRequest request, DurableTaskClient client, string officeId, string period, string personId) =>
        Handler.JsonAsync<SelfEvaluationReviewRequest>(request, AccessRule.ReviewSelfEvaluations, officeId, null, async (body, caller, services, cancel) =>
        {
            var stored = await services.GetRequiredService<SelfEvaluationActions>().ReviewAsync(client, caller!, officeId, period, personId, body.Accept, body.Reason, body.Revision, cancel).ConfigureAwait(false);
            var record = stored.Value;
            return Results.Json(new { personId, departmentId = record.DepartmentId, period = record.Period, revision = record.Revision, review = record.Review, reason = record.ReviewReason, reviewedBy = record.ReviewedBy },
                CycleEndpoints.Json, statusCode: 202);
        });
}
