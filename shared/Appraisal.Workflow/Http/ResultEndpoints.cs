using System.Text;
using Appraisal.Domain.Cycles;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>HTTP handlers for what people read: a cycle's results (scorecards with every line that made them), the
/// public notice (公示: name, department, score and grade only), a person's dossier (results across periods, each
/// with its trace) and the monthly bulletins (月度通报). Department heads see their own department's scorecards;
/// staff their own dossier, with final results only.</summary>
public static class ResultEndpoints
{
    /// <summary>GET cycles/{officeId}/{period}/results: the cycle's scorecards, and whether they are final yet.</summary>
    public static Task<IResult> ResultsAsync(HttpRequest request, string officeId, string period) =>
        Handler.RunAsync(request, AccessRule.ReadResults, officeId, null, async (caller, services, cancel) =>
        {
            var results = await services.GetRequiredService<ResultQueries>().ResultsAsync(caller!, officeId, period, cancel).ConfigureAwait(false);
            var cycle = results.Cycle;
            return Results.Json(new
            {
                officeId,
                period = results.Period.ToString(),
                schemeId = cycle.SchemeId,
                schemeVersion = cycle.SchemeVersion,
                stage = cycle.Stage,
                final = cycle.Stage == CycleStage.Final,
                departmentId = results.DepartmentId,
                count = results.Cards.Count,
                scorecards = results.Cards,
            }, CycleEndpoints.Json);
        });

    /// <summary>GET cycles/{officeId}/{period}/notice: the latest public notice of the cycle; 404 until published.</summary>
    public static Task<IResult> NoticeAsync(HttpRequest request, string officeId, string period) =>
        Handler.RunAsync(request, AccessRule.ReadNotice, officeId, null, async (caller, services, cancel) =>
            Json(await services.GetRequiredService<ResultQueries>().NoticeAsync(caller!, officeId, period, cancel).ConfigureAwait(false)));

    /// <summary>GET offices/{officeId}/people/{personId}/dossier: a person's results across periods, newest first.</summary>
    public static Task<IResult> DossierAsync(HttpRequest request, string officeId, string personId) =>
        Handler.RunAsync(request, AccessRule.ReadDossier, officeId, null, async (caller, services, cancel) =>
        {
            var dossier = await services.GetRequiredService<ResultQueries>().DossierAsync(caller!, officeId, personId, cancel).ConfigureAwait(false);
            var (org, person) = (dossier.Org, dossier.Person);
            var department = org.FindDepartment(person.DepartmentId);
            return Results.Json(new
            {
                officeId,
                person = new
                {
                    id = person.Id,
                    name = person.Name,
                    departmentId = person.DepartmentId,
                    department = department?.Name,
                    category = person.Category.ToString(),
                    post = person.Post.ToString(),
                    position = person.PositionId is { } position ? org.FindPosition(position)?.Title : null,
                },
                results = dossier.Results.Select(r => new { final = r.Final, scorecard = r.Card }),
                objections = dossier.Objections.Select(o => new
                {
                    period = o.Period,
                    key = o.Key,
                    filedAt = o.FiledAt,
                    filedBy = dossier.ShowsFilers || o.FiledBy == person.Id ? o.FiledBy : null,
                    reason = o.Reason,
                    outcome = o.Outcome.ToString(),
                    reviewedAt = o.ReviewedAt,
                }),
            }, CycleEndpoints.Json);
        });

    /// <summary>GET offices/{officeId}/bulletins/{month}: the month's bulletin; 404 until composed.</summary>
    public static Task<IResult> BulletinAsync(HttpRequest request, string officeId, string month) =>
        Handler.RunAsync(request, AccessRule.ReadBulletin, officeId, null, async (caller, services, cancel) =>
            Json(await services.GetRequiredService<ResultQueries>().BulletinAsync(caller!, officeId, month, cancel).ConfigureAwait(false)));

    /// <summary>GET offices/{officeId}/bulletins/{month}/files/{file}: the bulletin's page, workbook or charts as stored.</summary>
    public static Task<IResult> BulletinFileAsync(HttpRequest request, string officeId, string month, string file) =>
        Handler.RunAsync(request, AccessRule.ReadBulletin, officeId, null, async (caller, services, cancel) =>
        {
            var download = await services.GetRequiredService<ResultQueries>().BulletinFileAsync(caller!, officeId, month, file, cancel).ConfigureAwait(false);
            return Results.File(download.Content, download.ContentType, download.FileName);
        });

    /// <summary>A stored JSON report as it was stored.</summary>
    private static IResult Json(BinaryData content) => Results.Text(content.ToString(), "application/json", Encoding.UTF8);
}
