using System.Net;
using System.Text.RegularExpressions;

namespace Appraisal.SelfHost.Tests.Identity;

/// <summary>A browser without a browser: an HTTP client that keeps cookies and does not follow redirects, reads the
/// sign-in page's anti-forgery value and posts the form as a browser would.</summary>
public sealed partial class SignInClient : IDisposable
{
    private readonly HttpClientHandler _handler;

    public SignInClient(Uri host)
    {
        _handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true };
        Http = new HttpClient(_handler) { BaseAddress = host, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies => _handler.CookieContainer;

    /// <summary>The session cookie's value as the client holds it, or null.</summary>
    public string? Session => Cookies.GetCookies(Http.BaseAddress!).FirstOrDefault(c => c.Name == "appraisal-session")?.Value;

    /// <summary>Opens the sign-in page and answers its anti-forgery value.</summary>
    public async Task<string> OpenSignInAsync(string query = "")
    {
        var page = await Http.GetStringAsync(new Uri("/signin" + query, UriKind.Relative));
        return AntiForgery().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("the sign-in page has no anti-forgery value");
    }

    /// <summary>Posts the sign-in page's form (opened first, so the anti-forgery value is the page's) with the fields given.</summary>
    public async Task<HttpResponseMessage> PostSignInAsync(params (string Name, string Value)[] fields)
    {
        var af = await OpenSignInAsync();
        return await Http.PostAsync(new Uri("/signin", UriKind.Relative), new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Prepend(new("af", af))));
    }

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }

    [GeneratedRegex("name=\"af\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();
}
