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
            return await RenderAsync<Pages.Components.NoticePage>(request, caller, language, new()
            {
                ["Notice"] = notice,
                ["Now"] = services.GetRequiredService<TimeProvider>().GetUtcNow(),
            }).ConfigureAwait(false);
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

            return await RenderAsync<Pages.Components.DossierPage>(request, caller, language, new()
            {
                ["Org"] = dossier.Org,
                ["Person"] = dossier.Person,
                ["Results"] = shown,
                ["Objections"] = dossier.Objections,
                ["ShowFilers"] = dossier.ShowsFilers,
                ["Year"] = year,
                ["Kind"] = kind,
                ["EvidenceBase"] = $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/offices/{officeId}/evidence",
            }).ConfigureAwait(false);
        });

    /// <summary>GET pages/cycles/{officeId}/{period}/objection: the objection form (异议申请), during publication.</summary>
    public static Task<IResult> ObjectionFormAsync(HttpRequest request, string officeId, string period) =>
        RunAsync(request, AccessRule.Object, officeId, async (caller, services, language, cancel) =>
        {
            var parameters = await ObjectionParametersAsync(request, services, caller!, officeId, period, cancel).ConfigureAwait(false);
            parameters["SubjectId"] = caller!.UserId;
            return await RenderAsync<Pages.Components.ObjectionForm>(request, caller, language, parameters).ConfigureAwait(false);
        });

    /// <summary>POST pages/cycles/{officeId}/{period}/objection: files the objection from the form through the same
    /// service as the API; a refusal shows the form again with its error beside the field and what was entered kept,
    /// and files nothing.</summary>
    public static Task<IResult> ObjectionSubmitAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        RunFormAsync(request, AccessRule.Object, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            var (subject, reason) = (Field(form, "subjectId"), form["reason"].FirstOrDefault() ?? string.Empty);
            try
            {
                await RequireFormTokenAsync(request, services, FormNonce(officeId, period, caller!.UserId), form, cancel).ConfigureAwait(false);
                var key = await services.GetRequiredService<FileObjectionAction>().RunAsync(client, caller, officeId, period, subject, reason, cancel).ConfigureAwait(false);
                return (await RenderAsync<Pages.Components.ObjectionFiled>(request, caller, language, new()
                {
                    ["OfficeId"] = officeId,
                    ["Period"] = period,
                    ["SubjectId"] = subject,
                    ["Key"] = key,
                }).ConfigureAwait(false), 200);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 403 or 404 or 409 or 422)
            {
                var parameters = await ObjectionParametersAsync(request, services, caller!, officeId, period, cancel).ConfigureAwait(false);
                parameters["SubjectId"] = subject;
                parameters["Reason"] = reason;
                parameters["Errors"] = new List<FieldMessage> { new(ex.Field, ex.Detail(language)) };
                return (await RenderAsync<Pages.Components.ObjectionForm>(request, caller, language, parameters).ConfigureAwait(false), ex.Status);
            }
        });

    private static async Task<Dictionary<string, object?>> ObjectionParametersAsync(HttpRequest request, IServiceProvider services, Caller caller, string officeId, string period, CancellationToken cancel) => new()
    {
        ["OfficeId"] = officeId,
        ["Period"] = period,
        ["Action"] = $"{request.PathBase}{request.Path}{(RequestLanguage.Of(request) == Domain.Text.Language.En ? "?lang=en" : string.Empty)}",
        ["AntiForgery"] = await FormTokenAsync(request, services, FormNonce(officeId, period, caller.UserId), cancel).ConfigureAwait(false),
        ["MaxReason"] = FileObjectionAction.MaxReasonLength,
    };

    private static string FormNonce(string officeId, string period, string user) => $"objection|{officeId}|{period}|{user}";

    /// <summary>GET pages/offices/{officeId}/bulletins/{month}.</summary>
    public static Task<IResult> BulletinAsync(HttpRequest request, string officeId, string month) =>
        RunAsync(request, AccessRule.ReadBulletin, officeId, async (caller, services, language, cancel) =>
        {
            var bulletin = await services.GetRequiredService<ResultQueries>().BulletinReportAsync(caller!, officeId, month, cancel).ConfigureAwait(false);
            return await RenderAsync<Pages.Components.BulletinPage>(request, caller, language, new() { ["Bulletin"] = bulletin }).ConfigureAwait(false);
        });

    /// <summary>GET pages/offices/{officeId}/dashboard: every period of the office by stage, with the actions its reader may take.</summary>
    public static Task<IResult> DashboardAsync(HttpRequest request, DurableTaskClient client, string officeId) =>
        RunAsync(request, AccessRule.ReadDashboard, officeId, (caller, services, language, cancel) =>
            DashboardPageAsync(request, services, client, caller!, officeId, language, new SetAsideForm([], null, null, null), cancel));

    /// <summary>The dashboard with, for the appraisal office, the office's set-aside mail and its resend forms (a
    /// resend's outcome or error among them); for an administrator of the office answered after a resend, the mail
    /// part only.</summary>
    private static async Task<string> DashboardPageAsync(HttpRequest request, IServiceProvider services, DurableTaskClient client, Caller caller, string officeId,
        Domain.Text.Language language, SetAsideForm form, CancellationToken cancel)
    {
        var queries = services.GetRequiredService<ResultQueries>();
        Domain.Organisation.OfficeOrganisation org;
        IReadOnlyList<DashboardRow> rows = [];
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (AccessRule.ReadDashboard.Allows(caller))
        {
            (org, rows, now) = await queries.DashboardAsync(client, caller, officeId, cancel).ConfigureAwait(false);
            rows = await WithRatingsAsync(services.GetRequiredService<RatingResultsActions>(), officeId, rows, cancel).ConfigureAwait(false);
        }
        else
        {
            // An administrator of the office, answered after a resend: the mail, without the periods they do not read.
            org = await queries.OrganisationAsync(caller, officeId, cancel).ConfigureAwait(false);
        }

        var resends = AccessRule.ResendMail.Allows(caller);
        var mail = resends ? await services.GetRequiredService<Mail.SetAsideMail>().ListAsync(caller, officeId, cancel).ConfigureAwait(false) : [];
        return await RenderAsync<Pages.Components.DashboardPage>(request, caller, language, new()
        {
            ["Org"] = org,
            ["Rows"] = rows,
            ["Now"] = now,
            ["SetAside"] = mail,
            ["MailForm"] = form with
            {
                Action = $"{request.PathBase}{request.Path}{(language == Domain.Text.Language.En ? "?lang=en" : string.Empty)}",
                AntiForgery = resends && mail.Count > 0 ? await FormTokenAsync(request, services, ResendNonce(officeId, caller.UserId), cancel).ConfigureAwait(false) : null,
            },
        }).ConfigureAwait(false);
    }

    /// <summary>POST pages/offices/{officeId}/dashboard: resends one set-aside mail (to a corrected address when given)
    /// through the same service as the API and the CLI, which audits it; the dashboard again, with the outcome, or with
    /// the error beside the mail's form and the address as entered.</summary>
    public static Task<IResult> ResendMailSubmitAsync(HttpRequest request, DurableTaskClient client, string officeId) =>
        RunFormAsync(request, AccessRule.ResendMail, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            var (stream, key, to) = (Field(form, "stream"), Field(form, "key"), Field(form, "to"));
            try
            {
                await RequireFormTokenAsync(request, services, ResendNonce(officeId, caller!.UserId), form, cancel).ConfigureAwait(false);
                var resent = await services.GetRequiredService<Mail.SetAsideMail>().ResendAsync(caller, officeId, stream, key, to, cancel).ConfigureAwait(false);
                var notice = PageText.Format(language, "Mail.Resent", resent.Subject, to.Length > 0 ? to : resent.To);
                return (await DashboardPageAsync(request, services, client, caller, officeId, language, new SetAsideForm([], null, null, notice), cancel).ConfigureAwait(false), 200);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 404 or 409 && ex.Field != Access.Field)
            {
                var errors = new List<FieldMessage> { new(ex.Field, ex.Detail(language)) };
                return (await DashboardPageAsync(request, services, client, caller!, officeId, language, new SetAsideForm(errors, $"{stream}/{key}", to, null), cancel).ConfigureAwait(false), ex.Status);
            }
        });

    private static string ResendNonce(string officeId, string user) => $"mail-resend|{officeId}|{user}";

    /// <summary>The dashboard's quarters with the response rates of their rating windows (the dashboard's readers are
    /// those of the response rates).</summary>
    private static async Task<IReadOnlyList<DashboardRow>> WithRatingsAsync(RatingResultsActions ratings, string officeId, IReadOnlyList<DashboardRow> rows, CancellationToken cancel)
    {
        var list = new List<DashboardRow>(rows.Count);
        foreach (var row in rows)
        {
            var quarter = Domain.Periods.Period.TryParse(row.Period, out var p, out _) && p.Kind == Domain.Periods.PeriodKind.Quarter;
            list.Add(quarter && await ratings.RatesAsync(officeId, row.Period, cancel).ConfigureAwait(false) is { } rates ? row with { Ratings = rates } : row);
        }

        return list;
    }

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
