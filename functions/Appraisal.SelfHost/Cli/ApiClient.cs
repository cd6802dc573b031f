using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Appraisal.Domain.Text;
using Appraisal.Workflow.Identity;

namespace Appraisal.SelfHost.Cli;

/// <summary>Talks to a running self-host's HTTP endpoints (<c>--url</c>, or <c>APPRAISAL_URL</c>, default
/// http://127.0.0.1:7071): sends JSON, and turns problem details into one readable line. A 503 that says when to try
/// again (<c>Retry-After</c>: storage did not answer in time) is sent again as a person would, after that wait (at most
/// <see cref="MaxRetryAfter"/>, <see cref="Retries"/> times — or, given <paramref name="patience"/>, for as long as the
/// request's time, its sendings and waits together (each wait counted as at least <see cref="MinRetrySpend"/>), stays
/// within it), with the same Idempotency-Key; every other error is final.
/// <paramref name="handler"/> and <paramref name="delay"/> replace the network and the wait in tests.</summary>
internal sealed class ApiClient(Uri baseUrl, Language language, Caller? actAs = null, HttpMessageHandler? handler = null, Func<TimeSpan, CancellationToken, Task>? delay = null,
    TimeSpan? patience = null) : IDisposable
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>How many times a request answered 503 with <c>Retry-After</c> is sent again.</summary>
    public const int Retries = 3;

    /// <summary>The longest <c>Retry-After</c> waited for; a longer one is cut to it.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(10);

    /// <summary>The least a retry counts against the patience, so that a <c>Retry-After</c> of 0 cannot retry forever.</summary>
    public static readonly TimeSpan MinRetrySpend = TimeSpan.FromSeconds(1);

    private readonly HttpClient _http = new(handler ?? new SocketsHttpHandler()) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(100) };
    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? Task.Delay;

    public static string UrlFromEnvironment() => Environment.GetEnvironmentVariable("APPRAISAL_URL") is { Length: > 0 } url ? url : DefaultUrl;

    /// <summary>Sends as <paramref name="caller"/> when given, else as the client's caller (see <see cref="LocalTokens"/>).</summary>
    public async Task<(bool Ok, JsonElement Body, string Message)> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancel, string? idempotencyKey = null, Caller? caller = null,
        IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var spent = TimeSpan.Zero;
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, "api/" + path.TrimStart('/'));
            foreach (var (name, value) in headers ?? [])
            {
                request.Headers.Add(name, value);
            }

            if (await LocalTokens.ForAsync(caller ?? actAs, cancel) is { } token)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }

            request.Headers.AcceptLanguage.ParseAdd(language == Language.En ? "en" : "zh-CN");
            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            if (body is not null)
            {
                request.Content = JsonContent.Create(body, options: Workflow.Http.CycleEndpoints.Json);
            }

            HttpResponseMessage response;
            var sent = Stopwatch.GetTimestamp();
            try
            {
                response = await _http.SendAsync(request, cancel);
            }
            catch (HttpRequestException ex)
            {
                return (false, default, CliText.Pick(language, $"无法连接自托管 {baseUrl}（{ex.Message}）：请先运行 'appraisal serve'",
                    $"cannot reach the self-host at {baseUrl} ({ex.Message}): start it with 'appraisal serve'"));
            }

            using (response)
            {
                spent += Stopwatch.GetElapsedTime(sent);
                if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && RetryAfter(response) is { } wait
                    && (wait > MinRetrySpend ? wait : MinRetrySpend) is var spend
                    && (patience is { } bound ? spent + spend <= bound : attempt < Retries))
                {
                    await _delay(wait, cancel);
                    spent += spend;
                    continue;
                }

                return await ReadAsync(response, cancel);
            }
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>When a 503 says to try again: its <c>Retry-After</c> (seconds or a date), within 0 and <see cref="MaxRetryAfter"/>; null without one.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var after = response.Headers.RetryAfter is { } header ? header.Delta ?? header.Date - DateTimeOffset.UtcNow : null;
        return after is { } wait ? TimeSpan.FromTicks(Math.Clamp(wait.Ticks, 0, MaxRetryAfter.Ticks)) : null;
    }

    private static async Task<(bool Ok, JsonElement Body, string Message)> ReadAsync(HttpResponseMessage response, CancellationToken cancel)
    {
        var text = await response.Content.ReadAsStringAsync(cancel);
        var json = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default;
        if (response.IsSuccessStatusCode)
        {
            return (true, json, text);
        }

        var message = $"{(int)response.StatusCode}";
        if (json.ValueKind == JsonValueKind.Object)
        {
            message += $" {Text(json, "title")}: {Text(json, "detail")}";
            if (json.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                message += string.Concat(errors.EnumerateArray().Take(20).Select(e => "\n  " + (e.ValueKind == JsonValueKind.String ? e.GetString() : e.ToString())));
            }
        }

        return (false, json, message);
    }

    private static string Text(JsonElement json, string name) => json.TryGetProperty(name, out var value) ? value.ToString() : "";
}
