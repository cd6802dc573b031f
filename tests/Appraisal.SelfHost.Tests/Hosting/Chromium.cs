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
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
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
