using Appraisal.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Appraisal.Functions.Http;

/// <summary>HTTP triggers for the working-day calendar's years (API and page); each delegates to
/// <see cref="CalendarEndpoints"/> or <see cref="PageEndpoints"/>.</summary>
public static class CalendarFunctions
{
    [Function(nameof(ListCalendarYears))]
    public static Task<IResult> ListCalendarYears(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "calendar/years")] HttpRequest request) =>
        CalendarEndpoints.ListAsync(request);

    [Function(nameof(GetCalendarYear))]
    public static Task<IResult> GetCalendarYear(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "calendar/years/{year}")] HttpRequest request, string year) =>
        CalendarEndpoints.GetAsync(request, year);

    [Function(nameof(StoreCalendarYear))]
    public static Task<IResult> StoreCalendarYear(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "calendar/years/{year}")] HttpRequest request, string year) =>
        CalendarEndpoints.StoreAsync(request, year);

    [Function(nameof(CalendarPage))]
    public static Task<IResult> CalendarPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "pages/calendar")] HttpRequest request) =>
        PageEndpoints.CalendarAsync(request);

    [Function(nameof(StoreCalendarYearForm))]
    public static Task<IResult> StoreCalendarYearForm(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "pages/calendar")] HttpRequest request) =>
        PageEndpoints.CalendarSubmitAsync(request);
}
