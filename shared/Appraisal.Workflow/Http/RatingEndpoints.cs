using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>HTTP handlers for the raters' questionnaire (民主测评问卷): the signed-in person reads their own sections and
/// answers them one at a time while the period's rating window is open. The receipt that lets them revise travels in
/// the <c>Ballot-Receipt</c> header; the server keeps only its hash.</summary>
public static class RatingEndpoints
{
    public const string ReceiptHeader = "Ballot-Receipt";

    /// <summary>GET cycles/{officeId}/{period}/ratings: the caller's questionnaire; with their receipt, their own answers.</summary>
    public static Task<IResult> QuestionnaireAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        Handler.RunAsync(request, AccessRule.Rate, officeId, null, async (caller, services, cancel) =>
        {
            request.HttpContext.Response.Headers.CacheControl = "no-store";
            var q = await services.GetRequiredService<RatingActions>().QuestionnaireAsync(client, caller!, officeId, period, Receipt(request), cancel).ConfigureAwait(false);
            return Results.Json(new
            {
                officeId,
                period,
                raterId = q.Rater.Id,
                closesUtc = q.ClosesUtc,
                state = q.State.ToString(),
                sections = q.Sections.Select(s => new
                {
                    id = s.Section.Id,
                    departmentId = s.Section.DepartmentId,
                    departmentName = s.DepartmentName,
                    answered = s.Answered,
                    questions = s.Section.Questions.Select(x => new
                    {
                        subjectId = x.Subject.Id,
                        subjectName = x.Subject.Name,
                        position = q.PositionOf(x.Subject.Id),
                        indicatorId = x.Indicator.Id,
                        indicatorName = x.Indicator.Name,
                        group = x.Group.Group,
                    }),
                    own = s.Own?.Select(a => new { subjectId = a.SubjectId, indicatorId = a.IndicatorId, score = a.Score }),
                }),
            }, CycleEndpoints.Json);
        });

    /// <summary>POST cycles/{officeId}/{period}/ratings/{sectionId}: one section answered (or revised with the receipt).</summary>
    public static Task<IResult> AnswerAsync(HttpRequest request, DurableTaskClient client, string officeId, string period, string sectionId) =>
        Handler.JsonAsync<RatingAnswersRequest>(request, AccessRule.Rate, officeId, null, async (body, caller, services, cancel) =>
        {
            var outcome = await services.GetRequiredService<RatingActions>().AnswerAsync(client, caller!, officeId, period, sectionId, body.Answers, Receipt(request), cancel).ConfigureAwait(false);
            request.HttpContext.Response.Headers.CacheControl = "no-store";
            return Results.Json(new { receipt = outcome.Receipt, revised = outcome.Revised }, CycleEndpoints.Json);
        });

    private static string? Receipt(HttpRequest request) => request.Headers[ReceiptHeader].FirstOrDefault() is { Length: > 0 } value ? value.Trim() : null;
}
