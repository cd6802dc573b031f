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

/// <summary>Where a host sends a browser that is not signed in (the self-host's sign-in page); none on Azure, where App
/// Service Authentication signs people in before a request arrives.</summary>
public sealed record SignInPage(string Path);

/// <summary>The pages people read in a browser — the public notice, a dossier, the appraisal office's dashboard — as
/// HTML in the reader's language, each checked against the same rules as the JSON endpoints; a refusal is a readable
/// page with its status (and, when not signed in, the way to sign in).</summary>
public static class PageEndpoints
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

    /// <summary>The browser's anti-forgery cookie for page forms (double-submit, the form's value signed with it).</summary>
    public const string FormCookie = "appraisal-form";

    /// <summary>GET pages/cycles/{officeId}/{period}/objection: the objection form (异议申请), during publication.</summary>
    public static Task<IResult> ObjectionFormAsync(HttpRequest request, string officeId, string period) =>
        RunAsync(request, AccessRule.Object, officeId, async (caller, services, language, cancel) =>
        {
            var cookie = request.Cookies[FormCookie] is { Length: >= 16 } existing ? existing : Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            request.HttpContext.Response.Cookies.Append(FormCookie, cookie, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = request.IsHttps, Path = "/" });
            var user = caller?.UserId ?? string.Empty;
            var token = await services.GetRequiredService<Approvals.ApprovalLinks>().FormTokenAsync(FormNonce(officeId, period, user), cookie, cancel).ConfigureAwait(false);
            return ObjectionPage.Form(officeId, period, user, token, $"{request.PathBase}{request.Path}", language);
        });

    /// <summary>POST pages/cycles/{officeId}/{period}/objection: files the objection from the form; a readable page either way.</summary>
    public static Task<IResult> ObjectionSubmitAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        RunAsync(request, AccessRule.Object, officeId, async (caller, services, language, cancel) =>
        {
            if (!request.HasFormContentType)
            {
                throw new RequestRefusedException(415, "Content-Type", $"expected the objection form, found '{request.ContentType}'", $"应为异议申请表单，实际为 '{request.ContentType}'");
            }

            var form = await request.ReadFormAsync(cancel).ConfigureAwait(false);
            var user = caller?.UserId ?? string.Empty;
            if (!await services.GetRequiredService<Approvals.ApprovalLinks>().FormTokenMatchesAsync(FormNonce(officeId, period, user), request.Cookies[FormCookie], form["af"].FirstOrDefault(), cancel).ConfigureAwait(false))
            {
                throw new RequestRefusedException(400, "af", "expected the form as this host served it (its anti-forgery value), found none or another", "表单已失效，请重新打开异议申请页面后提交");
            }

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

    /// <summary>GET pages/offices/{officeId}/dashboard.</summary>
    public static Task<IResult> DashboardAsync(HttpRequest request, DurableTaskClient client, string officeId) =>
        RunAsync(request, AccessRule.ReadDashboard, officeId, async (caller, services, language, cancel) =>
        {
            var (org, rows, now) = await services.GetRequiredService<ResultQueries>().DashboardAsync(client, caller!, officeId, cancel).ConfigureAwait(false);
            return DashboardPage.Render(org, rows, now, language);
        });

    private static async Task<IResult> RunAsync(HttpRequest request, AccessRule rule, string officeId,
        Func<Caller?, IServiceProvider, Domain.Text.Language, CancellationToken, Task<string>> render)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = RequestLanguage.Of(request);
        var services = request.HttpContext.RequestServices;
        try
        {
            var caller = await Access.CheckAsync(request, rule, officeId).ConfigureAwait(false);
            var html = await render(caller, services, language, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, 200);
        }
        catch (RequestRefusedException ex)
        {
            var signIn = services.GetService<SignInPage>() is { } page ? $"{page.Path}?returnUrl={Uri.EscapeDataString(request.PathBase + request.Path + request.QueryString)}" : null;
            return Results.Content(Html.Refusal(language, ex.Status, ex.Field, ex.Text(language), signIn), "text/html; charset=utf-8", System.Text.Encoding.UTF8, ex.Status);
        }
    }
}
