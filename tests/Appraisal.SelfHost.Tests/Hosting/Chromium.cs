using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>Debian's headless Chromium, driven by Playwright, one browser for the whole test run (a context per
/// test). Playwright never downloads a _browser here: it launches the system's (<c>CHROMIUM_PATH</c>, by default
/// /usr/bin/chromium; scripts/test.sh installs it). Screenshots go to .artifacts/screenshots/.</summary>
internal static class Chromium
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    /// <summary>How each context was made, so an accessibility check can open its page again the same way.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IBrowserContext, BrowserNewContextOptions> Options = [];

    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<IBrowser> BrowserAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }

            if (!File.Exists(ExecutablePath))
            {
                throw new InvalidOperationException($"Chromium is not installed at {ExecutablePath}: apt-get install -y chromium (scripts/test.sh does), or set CHROMIUM_PATH");
            }

            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                _browser?.CloseAsync().GetAwaiter().GetResult();
                _playwright?.Dispose();
            };
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A fresh context (cookies, storage) of the shared browser, waiting up to a minute for pages: the first
    /// page of a run also waits for the browser's font cache.</summary>
    public static async Task<IBrowserContext> ContextAsync(BrowserNewContextOptions options)
    {
        var context = await (await BrowserAsync()).NewContextAsync(options);
        Options.AddOrUpdate(context, options);
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    /// <summary>axe-core's WCAG 2.0/2.1 A and AA rules (contrast, labels, headings, landmarks, language…) over the
    /// page the given one shows, opened again by GET in a context made like its own (locale, headers) with the same
    /// cookies and JavaScript on — axe runs as a script, the pages themselves need none. Fails listing every violation
    /// and the elements it found.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var made = Options.TryGetValue(page.Context, out var o) ? o : new BrowserNewContextOptions();
        var cookies = await page.Context.CookiesAsync();
        await using var context = await ContextAsync(new BrowserNewContextOptions(made) { JavaScriptEnabled = true });
        await context.AddCookiesAsync(cookies.Select(c => new Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Domain = c.Domain,
            Path = c.Path,
            HttpOnly = c.HttpOnly,
            Secure = c.Secure,
            SameSite = c.SameSite,
        }));
        var probe = await context.NewPageAsync();
        await probe.GotoAsync(page.Url);
        await RunAxeAsync(probe, page.Url);
    }

    /// <summary>axe's same rules over the document the page shows now — a form answered to a POST, whose address has
    /// no GET of its own (a review refused and shown again with its error) — loaded as it is into a page with
    /// JavaScript on.</summary>
    public static async Task AssertShownAccessibleAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var made = Options.TryGetValue(page.Context, out var o) ? o : new BrowserNewContextOptions();
        await using var context = await ContextAsync(new BrowserNewContextOptions(made) { JavaScriptEnabled = true });
        var probe = await context.NewPageAsync();
        await probe.SetContentAsync(await page.ContentAsync());
        await RunAxeAsync(probe, page.Url + " (as shown)");
    }

    private static async Task RunAxeAsync(IPage probe, string where)
    {
        var result = await probe.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        Assert.True(result.Violations.Length == 0, $"{where}: " + string.Join("; ", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
        Assert.NotEmpty(result.Passes);
    }

    /// <summary>Waits up to two minutes for the page to reach the URL (<c>**</c> any characters, <c>*</c> any but
    /// <c>/</c>) and its document to be parsed; fails naming where it is and what it shows (with a screenshot) instead
    /// of a bare timeout. Both are polled rather than left to Playwright's load events, which a page reached through a
    /// redirect has been seen not to report on a loaded machine.</summary>
    public static async Task WaitForUrlAsync(IPage page, string glob)
    {
        ArgumentNullException.ThrowIfNull(page);
        var pattern = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(glob).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$");
        var deadline = DateTime.UtcNow.Add(Patience);
        while (!pattern.IsMatch(page.Url))
        {
            if (DateTime.UtcNow > deadline)
            {
                await FailAsync(page, $"expected {glob}");
            }

            await Task.Delay(100);
        }

        await ParsedAsync(page, deadline, $"reached {glob}");
    }

    /// <summary>Signs the page's browser in with a token, as a person does on the sign-in page, and waits to be taken to
    /// <paramref name="returnUrl"/>.</summary>
    public static async Task SignInAsync(IPage page, string token, string returnUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("#token", token);
        var landed = await NextDocumentAsync(page, () => page.ClickAsync("button[type=submit]"),
            r => r.Request.Method == "GET" && new Uri(r.Url).PathAndQuery == returnUrl);
        Assert.True(landed.Ok, $"signed in, {returnUrl} answered {landed.Status}");
    }

    /// <summary>Submits the page's form with (the first) button matching <paramref name="button"/> and answers with the
    /// response to the POST, once the document it leads to (the answer itself, or where it redirects) is parsed.</summary>
    public static Task<IResponse> SubmitAsync(IPage page, string button = "button[type=submit]")
    {
        ArgumentNullException.ThrowIfNull(page);
        return NextDocumentAsync(page, () => page.Locator(button).First.ClickAsync(), r => r.Request.Method == "POST");
    }

    /// <summary>Submits the form of the focused button by pressing <paramref name="key"/> (Enter, Space), as a keyboard
    /// user does; answers like <see cref="SubmitAsync"/>.</summary>
    public static Task<IResponse> SubmitByKeyAsync(IPage page, string key = "Enter")
    {
        ArgumentNullException.ThrowIfNull(page);
        return NextDocumentAsync(page, () => page.Keyboard.PressAsync(key), r => r.Request.Method == "POST");
    }

    /// <summary>Does <paramref name="act"/>, takes the response it awaits, then waits until the page shows another
    /// document than before, parsed to its end. The document before is marked in the page's own window (a new document
    /// has a new window), so neither a slow redirect nor a missed load event can pass the old page off as the new one.
    /// Playwright evaluates in the page even when the page's own script is off.</summary>
    private static async Task<IResponse> NextDocumentAsync(IPage page, Func<Task> act, Func<IResponse, bool> awaited)
    {
        var deadline = DateTime.UtcNow.Add(Patience);
        await page.EvaluateAsync("() => { window.__appraisalBefore = true; }");
        var response = await page.RunAndWaitForResponseAsync(act, awaited, new PageRunAndWaitForResponseOptions { Timeout = (float)Patience.TotalMilliseconds });
        await ParsedAsync(page, deadline, $"answered {response.Status} to {response.Request.Method} {response.Url}");
        return response;
    }

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>Polls until the page's document is a new one (not marked by <see cref="NextDocumentAsync"/>) and no
    /// longer loading. An evaluation cut off by the navigation itself is simply tried again.</summary>
    private static async Task ParsedAsync(IPage page, DateTime deadline, string what)
    {
        while (true)
        {
            try
            {
                if (await page.EvaluateAsync<bool>("() => window.__appraisalBefore !== true && document.readyState !== 'loading'"))
                {
                    return;
                }
            }
            catch (PlaywrightException)
            {
                // The execution context went away with the old document: the next one is on its way.
            }

            if (DateTime.UtcNow > deadline)
            {
                await FailAsync(page, what + ", the next page never finished loading");
            }

            await Task.Delay(50);
        }
    }

    private static async Task FailAsync(IPage page, string what)
    {
        await ScreenshotAsync(page, "unexpected-" + Path.GetFileName(new Uri(page.Url).AbsolutePath));
        Assert.Fail($"{what}, still at {page.Url} showing: {await page.InnerTextAsync("body")}");
    }

    /// <summary>A screenshot of the whole page, kept as a test artifact.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var folder = Path.Combine(AzuriteFixture.RepositoryRoot(), ".artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
