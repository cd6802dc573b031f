using System.Globalization;
using Appraisal.Workflow.Calendar;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>The working-day calendar's page: its years for those who read it, and for a province-level administrator
/// the form that adds a year or replaces one (through the same service as <c>PUT calendar/years/{year}</c>).</summary>
public static partial class PageEndpoints
{
    /// <summary>GET pages/calendar[?replace=YEAR]: the years; with <c>replace</c>, the form filled with that year's
    /// document and the ETag it replaces.</summary>
    public static Task<IResult> CalendarAsync(HttpRequest request) =>
        RunFormAsync(request, AccessRule.ReadCalendar, null, async (caller, services, language, cancel) =>
        {
            var (document, etag) = (string.Empty, (string?)null);
            if (request.Query["replace"].FirstOrDefault() is { Length: > 0 } replace && AccessRule.ManageCalendar.Allows(caller!))
            {
                var view = await services.GetRequiredService<CalendarAdministration>().GetAsync(caller!, CalendarEndpoints.Year(replace), cancel).ConfigureAwait(false);
                (document, etag) = (view.Document, view.ETag.ToString());
            }

            return (await CalendarPageAsync(request, services, caller!, language, document, etag, [], null, cancel).ConfigureAwait(false), 200);
        });

    /// <summary>POST pages/calendar: the pasted document stored (added, or with the form's ETag replacing the year shown);
    /// the page again with what was stored, or with every error beside the field at its JSON path, nothing stored.</summary>
    public static Task<IResult> CalendarSubmitAsync(HttpRequest request) =>
        RunFormAsync(request, AccessRule.ManageCalendar, null, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            var document = form["document"].FirstOrDefault() ?? string.Empty;
            var etag = Field(form, "etag");
            try
            {
                await RequireFormTokenAsync(request, services, CalendarNonce(caller!.UserId), form, cancel).ConfigureAwait(false);
                if (document.Length > CalendarEndpoints.MaxDocumentBytes)
                {
                    throw new RequestRefusedException(413, "document", $"expected at most {CalendarEndpoints.MaxDocumentBytes} characters, found {document.Length}",
                        $"文档不能超过 {CalendarEndpoints.MaxDocumentBytes} 个字符，实际为 {document.Length}");
                }

                var (view, added) = await services.GetRequiredService<CalendarAdministration>()
                    .StoreAsync(caller, document, null, etag.Length == 0 ? null : new Azure.ETag(etag), cancel).ConfigureAwait(false);
                var year = view.Year.Year.ToString(CultureInfo.InvariantCulture);
                var notice = added
                    ? Html.T(language, $"已添加 {year} 年的节假日安排，即时生效；已记入审计记录。", $"Added {year}'s holiday arrangement, in force at once; recorded in the audit log.")
                    : Html.T(language, $"已按更正通知替换 {year} 年的节假日安排，即时生效；已记入审计记录。", $"Replaced {year}'s holiday arrangement with the corrected notice, in force at once; recorded in the audit log.");
                return (await CalendarPageAsync(request, services, caller, language, string.Empty, null, [], notice, cancel).ConfigureAwait(false), 200);
            }
            catch (Exception failure) when ((failure as RequestRefusedException ?? RequestRefusedException.FromStorage(failure)) is { Status: 400 or 404 or 409 or 412 or 413 or 422 } ex && ex.Field != Access.Field)
            {
                var errors = ex.Errors.Count > 0
                    ? ex.Errors.Select(e => new FieldMessage(e.Field, e.Text(language))).ToList()
                    : [new FieldMessage(ex.Field, ex.Detail(language))];
                return (await CalendarPageAsync(request, services, caller!, language, document, etag.Length == 0 ? null : etag, errors, null, cancel).ConfigureAwait(false), ex.Status);
            }
        });

    private static string CalendarNonce(string user) => $"calendar|{user}";

    private static async Task<string> CalendarPageAsync(HttpRequest request, IServiceProvider services, Caller caller, Domain.Text.Language language,
        string document, string? etag, IReadOnlyList<FieldMessage> errors, string? notice, CancellationToken cancel)
    {
        var years = await services.GetRequiredService<CalendarAdministration>().ListAsync(caller, cancel).ConfigureAwait(false);
        var root = $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/pages/calendar";
        var lang = language == Domain.Text.Language.En ? "lang=en" : string.Empty;
        var mayManage = AccessRule.ManageCalendar.Allows(caller) && caller.OfficeId is null;
        return await RenderAsync<Pages.Components.CalendarPage>(request, caller, language, new()
        {
            ["Years"] = years,
            ["Action"] = lang.Length == 0 ? root : $"{root}?{lang}",
            ["Token"] = mayManage ? await FormTokenAsync(request, services, CalendarNonce(caller.UserId), cancel).ConfigureAwait(false) : null,
            ["ETag"] = etag,
            ["Document"] = document,
            ["ReplaceLink"] = (Func<int, string>)(y => $"{root}?replace={y.ToString(CultureInfo.InvariantCulture)}{(lang.Length == 0 ? string.Empty : "&" + lang)}#add"),
            ["Errors"] = errors,
            ["Notice"] = notice,
        }).ConfigureAwait(false);
    }
}
