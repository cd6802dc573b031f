using Appraisal.Domain.Text;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Pages;
using Microsoft.AspNetCore.Http;

namespace Appraisal.SelfHost.Identity;

/// <summary>The pages of signing in and out, outside the workbench (no one is signed in yet): the sign-in page's frame,
/// and the readable page of a refused sign-in.</summary>
public static class SignInPages
{
    /// <summary>The longest return address followed after signing in.</summary>
    private const int MaxReturn = 2048;

    /// <summary>Whether <paramref name="url"/> is a path of this host, and only that: it starts with one <c>/</c> (not
    /// <c>//host</c> or <c>/\host</c>, which browsers read as another host), and holds no backslash, white space or control
    /// character (browsers drop tabs and newlines, so <c>/\t/host</c> would become <c>//host</c>).</summary>
    public static bool IsLocalReturn(string? url) =>
        url is { Length: > 0 and <= MaxReturn } && url[0] == '/' && (url.Length == 1 || url[1] != '/')
        && !url.Any(c => c == '\\' || char.IsWhiteSpace(c) || char.IsControl(c));

    /// <summary>The return address when it is one of this host's, otherwise <paramref name="fallback"/>.</summary>
    public static string LocalReturnOr(string? url, string fallback) => IsLocalReturn(url) && url != "/" ? url! : fallback;

    /// <summary>The return address a request carries in its query, when it is one of this host's; otherwise "/".</summary>
    public static string ReturnOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Query["returnUrl"].FirstOrDefault() is { } r && IsLocalReturn(r) ? r : "/";
    }

    /// <summary>A refused sign-in as a page: why (in the reader's language) and the way back to the sign-in page.</summary>
    public static IResult Refused(HttpRequest request, string zh, string en, int status, string? returnUrl = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = RequestLanguage.Of(request);
        var back = $"{request.PathBase}{SignInEndpoints.Path}?returnUrl={Uri.EscapeDataString(IsLocalReturn(returnUrl) ? returnUrl! : ReturnOf(request))}{(language == Language.En ? "&lang=en" : string.Empty)}";
        var content = $"""
            <p class="warn" role="alert">{Html.E(Html.T(language, zh, en))}</p>
            <p><a href="{Html.E(back)}">{Html.E(Html.T(language, "返回登录页", "Back to sign-in"))}</a></p>
            """;
        return Page(language, Html.T(language, "未能登录", "Not signed in"), content, status);
    }

    /// <summary>A page of the sign-in frame: <paramref name="content"/> is HTML already encoded.</summary>
    public static IResult Page(Language language, string title, string content, int status) =>
        Results.Content(Html.Page(language, title, Html.T(language, "检察机关绩效考核", "Procuratorate performance appraisal"), content),
            "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
