using System.Diagnostics;
using System.Net;
using Appraisal.SelfHost.Identity;
using Appraisal.Workflow.Identity;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary><c>appraisal serve</c> as a real child process on a free loopback port, against the test Azurite with its
/// own table prefix and task hub — so it can be killed with SIGKILL and started again over the same storage.</summary>
public sealed class SelfHostProcess : IAsyncDisposable
{
    private readonly string _prefix;
    private readonly string _hub;
    private Process? _process;

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string _key;
    private readonly string _storage;

    /// <param name="prefix">The storage prefix (tables and containers).</param>
    /// <param name="hub">The task hub.</param>
    /// <param name="settings">More settings for the host, as environment variables (<c>Smtp__Host</c> …).</param>
    /// <param name="storage">Its storage connection string, when not the test Azurite's (a fault proxy's).</param>
    public SelfHostProcess(string prefix, string hub, IReadOnlyDictionary<string, string>? settings = null, string? storage = null)
    {
        _prefix = prefix;
        _storage = storage ?? AzuriteFixture.ConnectionString;
        _hub = hub;
        _settings = settings ?? new Dictionary<string, string>();
        Url = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        _key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Tokens = new JwtTokens(new AuthOptions { SigningKey = _key }, new Appraisal.Storage.Secrets.SecretStore(new Appraisal.Storage.StorageAccount(new Appraisal.Storage.StorageOptions { ConnectionString = _storage })));
    }

    public Uri Url { get; }

    /// <summary>The host's token key for this run (<c>Auth__SigningKey</c>), so tests sign in as anyone they play.</summary>
    public JwtTokens Tokens { get; }

    /// <summary>A bearer token for a person of one role in an office (and department).</summary>
    public Task<string> TokenAsync(string user, Role role, string? office, string? department = null) =>
        Tokens.IssueAsync(new Caller(user, new HashSet<Role> { role }, office, department), null, default);

    /// <summary>Runs an <c>appraisal</c> command as an operator on the host's machine would: a child process with the
    /// host's storage, signing key and settings, talking to the host's address. Returns its exit code and what it printed.</summary>
    public async Task<(int ExitCode, string Output, string Error)> RunCliAsync(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "appraisal.dll") }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Storage__ConnectionString"] = _storage;
        start.Environment["Storage__Prefix"] = _prefix;
        start.Environment["Auth__SigningKey"] = _key;
        start.Environment["APPRAISAL_URL"] = Url.ToString();
        foreach (var (name, value) in _settings)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("appraisal did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"appraisal {string.Join(' ', args)}: still running after {timeout}; printed {await output}{await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts the host and waits until its HTTP endpoints answer.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "appraisal.dll"), "serve", "--urls", Url.ToString().TrimEnd('/'), "--task-hub", _hub, "--no-schedules" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Storage__ConnectionString"] = _storage;
        start.Environment["Storage__Prefix"] = _prefix;
        start.Environment["SelfHost__WorkItemVisibility"] = "00:00:10";
        start.Environment["SelfHost__LeaseInterval"] = "00:00:06";
        start.Environment["Approvals__PublicBaseUrl"] = Url.ToString();
        start.Environment["Auth__SigningKey"] = _key;

        // The test office's raters have a few seconds (the tests that rate set their own window): a cycle's scoring
        // waits for the rating window's seal.
        start.Environment["Cycle__RatingTime"] = "00:00:02";
        foreach (var (name, value) in _settings)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("appraisal serve did not start");
        _process.OutputDataReceived += (_, _) => { };
        // The last lines it printed to stderr (no stack frames), to say why it stopped if it does.
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && !line.TrimStart().StartsWith("at ", StringComparison.Ordinal))
            {
                errors.Enqueue(line);
                while (errors.Count > 20 && errors.TryDequeue(out string? _))
                {
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"appraisal serve exited with {_process.ExitCode}: {string.Join('\n', errors)}");
            }

            try
            {
                // Up once the endpoints answer: 401 without a token is an answer.
                if ((await http.GetAsync(new Uri("api/schemes/templates", UriKind.Relative))).StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("appraisal serve did not answer within 60 s");
    }

    /// <summary>SIGKILL: no shutdown, nothing flushed — the crash the durable backend must survive.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();
}
