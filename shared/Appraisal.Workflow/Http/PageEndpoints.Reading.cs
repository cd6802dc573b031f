using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>Pages that read: the public notice and the objection form, a dossier, a bulletin, the dashboard, a period's audit trail.</summary>
public static partial class PageEndpoints
{
    /// <summary>GET pages/cycles/{officeId}/{period}/notice.</summary>
    public static Task<IResult> NoticeAsync(HttpRequest request, string officeId, string period) =>
        RunAsync(request, AccessRule.ReadNotice, officeId, async (caller, services, language, cancel) =>
        {
            var stored = await services.GetRequiredService<ResultQueries>().NoticeAsync(caller!, officeId, period, cancel).ConfigureAwait(false);
            var notice = stored.ToObjectFromJson<PublicNotice>(DomainJson.Options)!;
            return NoticePage.Render(notice, language, services.GetRequiredService<TimeProvider>().GetUtcNow(), $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/pages/cycles/{officeId}/{period}/objection");
        });

    /// <summary>GET pages/offices/{officeId}/people/{personId}/dossier?year=&amp;kind=.</summary>
    public static Task<IResult> DossierAsync(HttpRequest request, string officeId, string personId) =>
        RunAsync(request, AccessRule.ReadDossier, officeId, async (caller, services, language, cancel) =>
        {
            var year = request.Query["year"].FirstOrDefault() is { Length: > 0 } y
                ? int.TryParse(y, out var n) && n is >= 2000 and <= 2100 ? n : throw new RequestRefusedException(400, "year", $"expected a year such as 2026, found '{y}'", $"应为年份，如 2026，实际为 '{y}'")
                : (int?)null;
            var kind = request.Query["kind"].FirstOrDefault() is { Length: > 0 } k
                ? Enum.TryParse<PeriodKind>(k, ignoreCase: true, out var pk) ? pk : throw new RequestRefusedException(400, "kind", $"expected Month, Quarter or Year, found '{k}'", $"应为 Month、Quarter 或 Year，实际为 '{k}'")
                : (PeriodKind?)null;
            var dossier = await services.GetRequiredService<ResultQueries>().DossierAsync(caller!, officeId, personId, cancel).ConfigureAwait(false);
            var schemes = services.GetRequiredService<SchemeRepository>();
            var explained = new Dictionary<(string, int), Scheme?>();
            var shown = new List<DossierResult>();
            foreach (var (card, final) in dossier.Results)
            {
                if (!explained.TryGetValue((card.SchemeId, card.SchemeVersion), out var scheme))
                {
                    scheme = (await schemes.GetAsync(card.SchemeId, card.SchemeVersion, cancel).ConfigureAwait(false))?.Scheme;
                    explained[(card.SchemeId, card.SchemeVersion)] = scheme;
                }

                shown.Add(new DossierResult(card, final, scheme));
            }

            return DossierPage.Render(dossier.Org, dossier.Person, shown, dossier.Objections, dossier.ShowsFilers, year, kind, language, sha => $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/offices/{officeId}/evidence/{sha}");
        });

    /// <summary>GET pages/cycles/{officeId}/{period}/objection: the objection form (异议申请), during publication.</summary>
    public static Task<IResult> ObjectionFormAsync(HttpRequest request, string officeId, string period) =>
        RunAsync(request, AccessRule.Object, officeId, async (caller, services, language, cancel) =>
        {
            var user = caller?.UserId ?? string.Empty;
            var token = await FormTokenAsync(request, services, FormNonce(officeId, period, user), cancel).ConfigureAwait(false);
            return ObjectionPage.Form(officeId, period, user, token, $"{request.PathBase}{request.Path}", language);
        });

    /// <summary>POST pages/cycles/{officeId}/{period}/objection: files the objection from the form; a readable page either way.</summary>
    public static Task<IResult> ObjectionSubmitAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        RunAsync(request, AccessRule.Object, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            await RequireFormTokenAsync(request, services, FormNonce(officeId, period, caller?.UserId ?? string.Empty), form, cancel).ConfigureAwait(false);

            var subject = form["subjectId"].FirstOrDefault()?.Trim();
            var key = await services.GetRequiredService<FileObjectionAction>().RunAsync(client, caller!, officeId, period, subject, form["reason"].FirstOrDefault(), cancel).ConfigureAwait(false);
            return ObjectionPage.Filed(officeId, period, subject!, key, language);
        });

    private static string FormNonce(string officeId, string period, string user) => $"objection|{officeId}|{period}|{user}";

    /// <summary>GET pages/offices/{officeId}/bulletins/{month}.</summary>
    public static Task<IResult> BulletinAsync(HttpRequest request, string officeId, string month) =>
        RunAsync(request, AccessRule.ReadBulletin, officeId, async (caller, services, language, cancel) =>
        {
            var bulletin = await services.GetRequiredService<ResultQueries>().BulletinReportAsync(caller!, officeId, month, cancel).ConfigureAwait(false);
            return BulletinPage.Render(bulletin, language);
        });

    /// <summary>GET pages/offices/{officeId}/dashboard: every period of the office by stage, with the actions its reader may take.</summary>
    public static Task<IResult> DashboardAsync(HttpRequest request, DurableTaskClient client, string officeId) =>
        RunAsync(request, AccessRule.ReadDashboard, officeId, async (caller, services, language, cancel) =>
        {
            var (org, rows, now) = await services.GetRequiredService<ResultQueries>().DashboardAsync(client, caller!, officeId, cancel).ConfigureAwait(false);
            return await RenderAsync<Pages.Components.DashboardPage>(request, caller, language, new() { ["Org"] = org, ["Rows"] = rows, ["Now"] = now }).ConfigureAwait(false);
        });

    /// <summary>GET pages/cycles/{officeId}/{period}/audit: the period's audit trail with its chain check.</summary>
    public static Task<IResult> AuditTrailAsync(HttpRequest request, string officeId, string period) =>
        RunAsync(request, AccessRule.ReadAudit, officeId, async (caller, services, language, cancel) =>
        {
            var (entries, check) = await services.GetRequiredService<ResultQueries>().AuditTrailAsync(caller!, officeId, period, cancel).ConfigureAwait(false);
            return await RenderAsync<Pages.Components.AuditTrailPage>(request, caller, language, new()
            {
                ["OfficeId"] = officeId,
                ["Period"] = period,
                ["Entries"] = entries,
                ["Check"] = check,
            }).ConfigureAwait(false);
        });
}
