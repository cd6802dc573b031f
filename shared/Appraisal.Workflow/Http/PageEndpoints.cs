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
public sealed record SignInPage(string Path, string? SignOutPath = null)
{
    /// <summary>Set on a request whose sign-in cookie named a session that has ended (timed out or signed out), so a
    /// refusal can say so instead of only asking to sign in.</summary>
    public const string SessionEndedItem = "appraisal-session-ended";
}

/// <summary>The pages people read in a browser — the public notice, a dossier, the appraisal office's dashboard — as
/// HTML in the reader's language, each checked against the same rules as the JSON endpoints; a refusal is a readable
/// page with its status (and, when not signed in, the way to sign in).</summary>
public static partial class PageEndpoints
{
    /// <summary>The browser's anti-forgery cookie for page forms (double-submit, the form's value signed with it).</summary>
    public const string FormCookie = "appraisal-form";

    /// <summary>GET pages/todo: 我的待办, the landing page of everyone signed in.</summary>
    public static Task<IResult> ToDoAsync(HttpRequest request, DurableTaskClient client) =>
        RunAsync(request, AccessRule.Anyone, null, async (caller, services, language, cancel) =>
        {
            var items = await services.GetRequiredService<ToDoQueries>().ForAsync(client, caller!, cancel).ConfigureAwait(false);
            return await RenderAsync<Pages.Components.ToDoPage>(request, caller, language, new() { ["Items"] = items }).ConfigureAwait(false);
        });

    /// <summary>A stored CSV's rows after its header.</summary>
    private static List<string[]> CsvRows(string? csv)
    {
        var rows = new List<string[]>();
        if (csv is { Length: > 0 })
        {
            var reader = new Domain.Inputs.CsvReader(new StringReader(csv));
            if (reader.Next() is not null)
            {
                while (reader.Next() is { } record)
                {
                    rows.Add(record.Fields);
                }
            }
        }

        return rows;
    }

    private static string At(string[] fields, int i) => i < fields.Length ? fields[i] : string.Empty;

    private static string Field(Microsoft.AspNetCore.Http.IFormCollection form, string name) => (form[name].FirstOrDefault() ?? string.Empty).Trim();

    /// <summary>The anti-forgery value of a page form: signed with the browser's own form cookie (set here when it has
    /// none — once per response, so every form of a page is signed with the cookie the browser keeps), double-submitted
    /// with the form.</summary>
    private static async Task<string> FormTokenAsync(HttpRequest request, IServiceProvider services, string nonce, CancellationToken cancel)
    {
        var cookie = request.Cookies[FormCookie] is { Length: >= 16 } existing ? existing
            : request.HttpContext.Items[FormCookie] as string ?? Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        request.HttpContext.Items[FormCookie] = cookie;
        request.HttpContext.Response.Cookies.Append(FormCookie, cookie, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = request.IsHttps, Path = "/" });
        return await services.GetRequiredService<Approvals.ApprovalLinks>().FormTokenAsync(nonce, cookie, cancel).ConfigureAwait(false);
    }

    /// <summary>The anti-forgery value for a form served outside the workbench's pages (the self-host's sign-in form),
    /// bound to <paramref name="nonce"/> and the browser's form cookie; checked by <see cref="AntiForgeryMatchesAsync"/>.</summary>
    public static Task<string> AntiForgeryAsync(HttpRequest request, string nonce, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        return FormTokenAsync(request, request.HttpContext.RequestServices, nonce, cancel);
    }

    /// <summary>Whether the form's <c>af</c> value is the one <see cref="AntiForgeryAsync"/> gave this browser.</summary>
    public static Task<bool> AntiForgeryMatchesAsync(HttpRequest request, string nonce, Microsoft.AspNetCore.Http.IFormCollection form, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(form);
        return request.HttpContext.RequestServices.GetRequiredService<Approvals.ApprovalLinks>().FormTokenMatchesAsync(nonce, request.Cookies[FormCookie], form["af"].FirstOrDefault(), cancel);
    }

    private static async Task RequireFormTokenAsync(HttpRequest request, IServiceProvider services, string nonce, Microsoft.AspNetCore.Http.IFormCollection form, CancellationToken cancel)
    {
        if (!await services.GetRequiredService<Approvals.ApprovalLinks>().FormTokenMatchesAsync(nonce, request.Cookies[FormCookie], form["af"].FirstOrDefault(), cancel).ConfigureAwait(false))
        {
            throw new RequestRefusedException(400, "af", "expected the form as this host served it (its anti-forgery value), found none or another", "表单已失效，请重新打开本页后提交");
        }
    }

    private static async Task<Microsoft.AspNetCore.Http.IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken cancel) =>
        request.HasFormContentType
            ? await request.ReadFormAsync(cancel).ConfigureAwait(false)
            : throw new RequestRefusedException(415, "Content-Type", $"expected the page's form, found '{request.ContentType}'", $"应为本页表单，实际为 '{request.ContentType}'");

    /// <summary>Renders a workbench page with its context (language, caller, links, the language switch).</summary>
    internal static Task<string> RenderAsync<TComponent>(HttpRequest request, Caller? caller, Domain.Text.Language language, Dictionary<string, object?> parameters)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(q => q.Key != "lang").SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? string.Empty)}"))
            .Append(language == Domain.Text.Language.En ? "lang=zh" : "lang=en");
        var signOut = request.HttpContext.RequestServices.GetService<SignInPage>()?.SignOutPath is { } path ? request.PathBase + path : null;
        parameters["Context"] = new PageContext(language, caller, $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/pages", $"{request.PathBase}{request.Path}?{string.Join('&', query)}", signOut);
        return PageRenderer.RenderAsync<TComponent>(request.HttpContext.RequestServices, parameters);
    }

    private static Task<IResult> RunAsync(HttpRequest request, AccessRule rule, string? officeId,
        Func<Caller?, IServiceProvider, Domain.Text.Language, CancellationToken, Task<string>> render) =>
        RunFormAsync(request, rule, officeId, async (caller, services, language, cancel) => (await render(caller, services, language, cancel).ConfigureAwait(false), 200));

    /// <summary>A page whose answer may carry another status (a form shown again with its errors: 400, 409, 422).</summary>
    private static async Task<IResult> RunFormAsync(HttpRequest request, AccessRule rule, string? officeId,
        Func<Caller?, IServiceProvider, Domain.Text.Language, CancellationToken, Task<(string Html, int Status)>> render, string? departmentId = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = RequestLanguage.Of(request);
        var services = request.HttpContext.RequestServices;
        Caller? caller = null;
        // Every storage call made for the page is bounded in time (Storage:RequestTimeout): past it, a 503 page.
        using var bound = Appraisal.Storage.StorageRequestScope.Begin();
        try
        {
            caller = await Access.CheckAsync(request, rule, officeId, departmentId).ConfigureAwait(false);
            var (html, status) = await render(caller, services, language, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
        }
        catch (Exception failure) when ((failure as RequestRefusedException ?? RequestRefusedException.FromStorage(failure)) is { } ex)
        {
            return await RefusalAsync(request, caller, ex).ConfigureAwait(false);
        }
    }

    /// <summary>A refusal as a readable page with its status (and <c>Retry-After</c> when storage did not answer).</summary>
    internal static async Task<IResult> RefusalAsync(HttpRequest request, Caller? caller, RequestRefusedException ex)
    {
        var language = RequestLanguage.Of(request);
        var signIn = request.HttpContext.RequestServices.GetService<SignInPage>() is { } page ? $"{page.Path}?returnUrl={Uri.EscapeDataString(request.PathBase + request.Path + request.QueryString)}" : null;
        // A caller let through and refused for the record (another person's, a stage) keeps their navigation.
        var html = await RenderAsync<Pages.Components.RefusalPage>(request, caller, language, new()
        {
            ["Status"] = ex.Status,
            ["Field"] = ex.Field,
            ["Detail"] = ex.Status == 401 && request.HttpContext.Items.ContainsKey(SignInPage.SessionEndedItem)
                ? PageText.Get(language, "Refusal.SessionEnded") : ex.Text(language),
            ["SignIn"] = signIn,
        }).ConfigureAwait(false);
        Handler.RetryAfter(request, ex);
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, ex.Status);
    }
}
