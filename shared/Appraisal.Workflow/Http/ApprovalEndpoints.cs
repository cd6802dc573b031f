using System.Security.Cryptography;
using Appraisal.Storage;
using Appraisal.Workflow.Approvals;
using Appraisal.Workflow.Cycle;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>The pages behind the Party group's emailed links: GET approvals/{token} shows the confirmation page and
/// changes nothing (mail scanners open links too); only the POST from that page, carrying its anti-forgery value
/// bound to the browser's cookie, records approve or reject. Every outcome is a readable HTML page with its status:
/// 200, 400 (bad form), 403 (tampered), 404 (unknown), 409 (used, or no longer awaited), 410 (expired); 503 with
/// Retry-After while storage does not answer.</summary>
public static class ApprovalEndpoints
{
    public const string Cookie = "appraisal-approval";

    /// <summary>The largest form accepted: a decision and a reason of at most 2,000 characters.</summary>
    public const int MaxFormBytes = 16 * 1024;

    public static Task<IResult> OpenAsync(HttpRequest request, DurableTaskClient client, string token) => BoundedAsync(request, () => OpenCoreAsync(request, client, token));

    public static Task<IResult> DecideAsync(HttpRequest request, DurableTaskClient client, string token) => BoundedAsync(request, () => DecideCoreAsync(request, client, token));

    /// <summary>Runs a link's page with its storage calls bounded (Storage:RequestTimeout): storage that does not answer
    /// in time, or fails past its retries, is a readable 503 page with Retry-After.</summary>
    private static async Task<IResult> BoundedAsync(HttpRequest request, Func<Task<IResult>> page)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var bound = StorageRequestScope.Begin();
        try
        {
            return await page().ConfigureAwait(false);
        }
        catch (Exception ex) when (RequestRefusedException.FromStorage(ex) is { Status: 503 } refusal)
        {
            return await PageEndpoints.RefusalAsync(request, null, refusal).ConfigureAwait(false);
        }
    }

    private static async Task<IResult> OpenCoreAsync(HttpRequest request, DurableTaskClient client, string token)
    {
        var services = request.HttpContext.RequestServices;
        var approvals = services.GetRequiredService<ApprovalService>();
        var cancel = request.HttpContext.RequestAborted;
        var view = await approvals.OpenAsync(client, token, cancel).ConfigureAwait(false);
        string? formToken = null;
        if (view.Outcome == ApprovalOutcome.Confirm)
        {
            var cookie = request.Cookies[Cookie] is { Length: >= 16 } existing ? existing : WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
            request.HttpContext.Response.Cookies.Append(Cookie, cookie, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = request.IsHttps,
                Path = $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/approvals",
                MaxAge = TimeSpan.FromHours(12),
            });
            formToken = await approvals.FormTokenAsync(view.Claims!, cookie, cancel).ConfigureAwait(false);
        }

        return await PageAsync(request, view, formToken).ConfigureAwait(false);
    }

    private static async Task<IResult> DecideCoreAsync(HttpRequest request, DurableTaskClient client, string token)
    {
        var approvals = request.HttpContext.RequestServices.GetRequiredService<ApprovalService>();
        var cancel = request.HttpContext.RequestAborted;
        string? decision = null, reason = null, formToken = null;
        if (request.HasFormContentType && request.ContentLength is null or <= MaxFormBytes)
        {
            var form = await request.ReadFormAsync(cancel).ConfigureAwait(false);
            decision = form["decision"].FirstOrDefault();
            reason = form["reason"].FirstOrDefault();
            formToken = form["af"].FirstOrDefault();
        }

        var view = await approvals.DecideAsync(client, token, decision, reason, request.Cookies[Cookie], formToken, cancel).ConfigureAwait(false);
        return await PageAsync(request, view, null).ConfigureAwait(false);
    }

    /// <summary>The page of an outcome on the workbench's layout (Pages/Components/ApprovalPage.razor), with no caller:
    /// the link is the member's credential.</summary>
    private static async Task<IResult> PageAsync(HttpRequest request, ApprovalView view, string? formToken)
    {
        var language = RequestLanguage.Of(request);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
        request.HttpContext.Response.Headers["X-Frame-Options"] = "DENY";
        request.HttpContext.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        var html = await PageEndpoints.RenderAsync<Pages.Components.ApprovalPage>(request, null, language, new()
        {
            ["View"] = view,
            ["FormToken"] = formToken,
            ["Action"] = $"{request.PathBase}{request.Path}{request.QueryString}",
        }).ConfigureAwait(false);
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, view.StatusCode);
    }
}
