using System.Globalization;
using System.Text;
using Appraisal.Workflow.Calendar;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>HTTP handlers for the working-day calendar's years (China's holidays and worked weekend days, one State
/// Council notice a year): every year with where it comes from, one year's document with its ETag, and a year added
/// (no If-Match, or If-None-Match: *) or replaced by a corrected notice (If-Match: the ETag read; 412 when stale).</summary>
public static class CalendarEndpoints
{
    /// <summary>A year's document is a few hundred bytes; 64 KiB leaves room for long notice titles and whitespace.</summary>
    public const int MaxDocumentBytes = 64 * 1024;

    /// <summary>GET calendar/years: every year, shipped and added, with its source and ETag.</summary>
    public static Task<IResult> ListAsync(HttpRequest request) =>
        Handler.RunAsync(request, AccessRule.ReadCalendar, null, null, async (caller, services, cancel) =>
        {
            var years = await services.GetRequiredService<CalendarAdministration>().ListAsync(caller!, cancel).ConfigureAwait(false);
            return Results.Json(new { years = years.Select(Summary) }, CycleEndpoints.Json);
        });

    /// <summary>GET calendar/years/{year}: the year's document as the calendar holds it, its ETag as a header.</summary>
    public static Task<IResult> GetAsync(HttpRequest request, string year) =>
        Handler.RunAsync(request, AccessRule.ReadCalendar, null, null, async (caller, services, cancel) =>
        {
            var view = await services.GetRequiredService<CalendarAdministration>().GetAsync(caller!, Year(year), cancel).ConfigureAwait(false);
            request.HttpContext.Response.Headers.ETag = view.ETag.ToString();
            return Results.Text(view.Document, "application/json", Encoding.UTF8);
        });

    /// <summary>PUT calendar/years/{year}: the year's document; 201 added, 200 replaced, its ETag as a header.</summary>
    public static Task<IResult> StoreAsync(HttpRequest request, string year) =>
        Handler.BodyAsync(request, AccessRule.ManageCalendar, null, null, ["application/json"], MaxDocumentBytes, async (bytes, caller, services, cancel) =>
        {
            var number = Year(year);
            Azure.ETag? ifMatch = null;
            if (request.Headers.IfMatch.Count > 0)
            {
                ifMatch = Handler.IfMatch(request);
            }
            else if (request.Headers.IfNoneMatch.Count > 0 && request.Headers.IfNoneMatch.ToString().Trim() != "*")
            {
                throw new RequestRefusedException(400, "If-None-Match", $"expected * (add a year the calendar does not hold) or no header, found '{request.Headers.IfNoneMatch}'",
                    $"If-None-Match 应为 *（添加日历中没有的年份）或不带，实际为 '{request.Headers.IfNoneMatch}'");
            }

            var (view, added) = await services.GetRequiredService<CalendarAdministration>()
                .StoreAsync(caller!, Encoding.UTF8.GetString(bytes.Span), number, ifMatch, cancel).ConfigureAwait(false);
            request.HttpContext.Response.Headers.ETag = view.ETag.ToString();
            var location = $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/calendar/years/{number.ToString(CultureInfo.InvariantCulture)}";
            return added ? Results.Created(location, Summary(view)) : Results.Json(Summary(view), CycleEndpoints.Json);
        });

    internal static int Year(string year) =>
        int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 2000 and <= 2100
            ? number
            : throw new RequestRefusedException(400, "year", $"expected a year from 2000 to 2100, found '{year}'", $"年份应为 2000 至 2100 之间的整数，实际为 '{year}'");

    private static object Summary(CalendarYearView view) => new
    {
        year = view.Year.Year,
        source = view.Source.ToString(),
        notice = view.Year.Notice,
        etag = view.ETag.ToString(),
        storedBy = view.StoredBy,
        storedAt = view.StoredAt,
        holidays = view.Year.Holidays.Select(h => new { name = h.Name, from = h.From, to = h.To, workedDays = h.WorkedDays }),
    };
}
