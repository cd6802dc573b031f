using System.Net;
using System.Text.RegularExpressions;

namespace Appraisal.SelfHost.Demo;

/// <summary>What a Party-group member does with the mailed link, over plain HTTP: opens the page (keeping its
/// cookie), reads the form, and posts the decision from it — the same requests a browser makes.</summary>
public static partial class ApprovalBrowser
{
    /// <summary>The approval links in a mail's text.</summary>
    public static IReadOnlyList<Uri> Links(string text) => [.. LinkPattern().Matches(text).Select(m => new Uri(m.Value))];

    /// <summary>Opens the link and submits the form; returns the status and page of the answer.</summary>
    public static async Task<(HttpStatusCode Status, string Page)> DecideAsync(Uri link, bool approve, string? reason, CancellationToken cancel)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        using var page = await http.GetAsync(link, cancel);
        var html = await page.Content.ReadAsStringAsync(cancel);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            return (page.StatusCode, html);
        }

        var action = ActionPattern().Match(html) is { Success: true } a ? new Uri(link, WebUtility.HtmlDecode(a.Groups[1].Value)) : link;
        var af = AntiForgeryPattern().Match(html) is { Success: true } f ? WebUtility.HtmlDecode(f.Groups[1].Value) : "";
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["af"] = af,
            ["decision"] = approve ? "approve" : "reject",
            ["reason"] = reason ?? "",
        });
        using var answer = await http.PostAsync(action, form, cancel);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync(cancel));
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/api/approvals/[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+(\?lang=en)?")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"<form method=""post"" action=""([^""]+)""")]
    private static partial Regex ActionPattern();

    [GeneratedRegex(@"name=""af"" value=""([^""]*)""")]
    private static partial Regex AntiForgeryPattern();
}
