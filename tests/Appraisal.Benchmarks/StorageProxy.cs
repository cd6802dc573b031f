using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Appraisal.Benchmarks;

/// <summary>A counting reverse proxy in front of the storage a benchmark uses: three loopback ports forwarding to the
/// blob, queue and table endpoints of a connection string, counting every request by service, method and resource —
/// the first path segment after the account (a table, queue or container; a table transaction by the table its first
/// operation names; a table query, a GET with a filter, as <c>query</c>), with the run's prefix stripped; requests for another run's resources are not counted. Point
/// everything at <see cref="ConnectionString"/>.</summary>
internal sealed partial class StorageProxy : IAsyncDisposable
{
    private const string DevelopmentAccount = "devstoreaccount1";
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly string[] Services = ["blob", "queue", "table"];
    private static readonly HashSet<string> HopHeaders = new(["Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Expect", "Upgrade", "Proxy-Connection", "TE", "Trailer"], StringComparer.OrdinalIgnoreCase);

    private readonly WebApplication _app;
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
    private ConcurrentDictionary<(string Service, string Resource, string Method), int> _counts = new();
    private Timeline? _timeline;

    private StorageProxy(WebApplication app, string connectionString)
    {
        _app = app;
        ConnectionString = connectionString;
    }

    /// <summary>The connection string naming the proxy's ports instead of the storage's.</summary>
    public string ConnectionString { get; }

    /// <summary>Stripped from the resources counted (case-insensitive): the run's table prefix and task hub.</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary>Starts the proxy in front of <paramref name="connection"/> (Azurite's default ports for the development
    /// connection string; otherwise its Blob-, Queue- and TableEndpoint).</summary>
    public static async Task<StorageProxy> StartAsync(string connection)
    {
        var parts = connection.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1].Trim() : string.Empty, StringComparer.OrdinalIgnoreCase);
        if (parts.TryGetValue("UseDevelopmentStorage", out var development) && development.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            parts = new(StringComparer.OrdinalIgnoreCase)
            {
                ["DefaultEndpointsProtocol"] = "http",
                ["AccountName"] = DevelopmentAccount,
                ["AccountKey"] = DevelopmentKey,
                ["BlobEndpoint"] = $"http://127.0.0.1:10000/{DevelopmentAccount}",
                ["QueueEndpoint"] = $"http://127.0.0.1:10001/{DevelopmentAccount}",
                ["TableEndpoint"] = $"http://127.0.0.1:10002/{DevelopmentAccount}",
            };
        }

        var upstream = new Dictionary<int, (string Service, Uri Target)>();
        foreach (var service in Services)
        {
            var name = char.ToUpperInvariant(service[0]) + service[1..] + "Endpoint";
            if (!parts.TryGetValue(name, out var endpoint) || !endpoint.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"the storage proxy: expected an http {name} in the connection string, found {(endpoint is null ? "none" : "'" + endpoint + "'")}");
            }

            var port = BenchmarkHost.FreePort();
            upstream[port] = (service, new Uri(new Uri(endpoint).GetLeftPart(UriPartial.Authority)));
            parts[name] = $"http://127.0.0.1:{port}{new Uri(endpoint).AbsolutePath.TrimEnd('/')}";
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            foreach (var port in upstream.Keys)
            {
                kestrel.Listen(IPAddress.Loopback, port);
            }
        });
        var app = builder.Build();
        var proxy = new StorageProxy(app, string.Join(';', parts.Select(p => $"{p.Key}={p.Value}")));
        app.Run(context => proxy.ForwardAsync(context, upstream[context.Connection.LocalPort]));
        await app.StartAsync();
        return proxy;
    }

    /// <summary>The requests counted since the last call (or the start), and counting afresh.</summary>
    public StorageRequests Take() => new(Interlocked.Exchange(ref _counts, new()).ToDictionary());

    /// <summary>From now until it is stopped, also counts this run's requests and their time in flight per
    /// <paramref name="slice"/>, with the CPU this process and the Azurite of <paramref name="connection"/> used.</summary>
    public Timeline StartTimeline(TimeSpan slice, string connection) => _timeline = new Timeline(slice, connection);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _http.Dispose();
    }

    private async Task ForwardAsync(HttpContext context, (string Service, Uri Target) upstream)
    {
        var request = context.Request;
        // The same account path on the storage's port, the request target exactly as sent (it is signed).
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(upstream.Target, target));
        byte[]? body = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            body = buffer.ToArray();
            forward.Content = new ByteArrayContent(body);
        }
        else if (request.ContentLength == 0)
        {
            forward.Content = new ByteArrayContent([]);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (!HopHeaders.Contains(name) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                forward.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        var counted = Count(upstream.Service, request.Method, request.Path.Value!, request.Query.ContainsKey("$filter"), body);
        var sent = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        if (counted is { } kind)
        {
            _timeline?.Add(kind, System.Diagnostics.Stopwatch.GetElapsedTime(sent));
        }

        context.Response.StatusCode = (int)response.StatusCode;
        var noContent = response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotModified;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopHeaders.Contains(name) && !(noContent && name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>Counts the request; returns its resource and method (none when it is another run's).</summary>
    private string? Count(string service, string method, string path, bool query, byte[]? body)
    {
        // A table query (a GET with a filter) is counted apart from a point read: storage reads one partition for it,
        // Azurite scans the whole table.
        method = service == "table" && query && method == "GET" ? "query" : method;
        // Path style: /account/resource…; a table entity or table is addressed as Name(…) or Tables('name').
        var segments = path.Split('/', 4, StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? Uri.UnescapeDataString(segments[1]) : "(account)";
        if (resource == "$batch" && body is not null && BatchTarget().Match(Encoding.UTF8.GetString(body)) is { Success: true } target)
        {
            (resource, method) = (target.Groups[1].Value, "$batch");
        }

        resource = resource.Split('(', 2)[0];
        if (Prefix.Length > 0 && resource.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && resource.Length > Prefix.Length)
        {
            resource = resource[Prefix.Length..].TrimStart('-');
        }
        else if (Prefix.Length > 0 && resource is not ("Tables" or "(account)"))
        {
            // Another run's table, queue or container: a host stopped earlier in the process whose storage provider
            // still polls (its partition manager outlives the host) — not this run's work.
            return null;
        }

        _counts.AddOrUpdate((service, resource, method), 1, (_, n) => n + 1);
        return $"{resource} {method}";
    }

    /// <summary>The first operation of a table transaction's multipart body: its table.</summary>
    [GeneratedRegex(@"(?:POST|PUT|PATCH|MERGE|DELETE|GET) https?://[^/\s]+/[^/\s]+/([^/(\s?]+)")]
    private static partial Regex BatchTarget();
}

/// <summary>Storage requests counted by <see cref="StorageProxy"/>, by service, resource and method.</summary>
internal sealed record StorageRequests(Dictionary<(string Service, string Resource, string Method), int> Counts)
{
    public int Total => Counts.Values.Sum();

    public int Of(string service) => Counts.Where(c => c.Key.Service == service).Sum(c => c.Value);

    public static StorageRequests operator +(StorageRequests a, StorageRequests b) =>
        new(a.Counts.Concat(b.Counts).GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Sum(c => c.Value)));

    /// <summary>A line of totals per service, then per service its <paramref name="top"/> busiest resources with their
    /// methods, each divided by <paramref name="offices"/> when more than one.</summary>
    public string Describe(string label, int offices, int top = 6)
    {
        string N(double n) => offices == 1 ? n.ToString("N0", CultureInfo.InvariantCulture) : (n / offices).ToString("N1", CultureInfo.InvariantCulture);
        var per = offices == 1 ? string.Empty : $" = {N(Total)} per office";
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"  storage requests, {label}: {Total:N0}{per} — table {N(Of("table"))}, queue {N(Of("queue"))}, blob {N(Of("blob"))}{(offices == 1 ? string.Empty : " per office")}"));
        foreach (var service in new[] { "table", "queue", "blob" })
        {
            var resources = Counts.Where(c => c.Key.Service == service).GroupBy(c => c.Key.Resource)
                .Select(g => (Resource: g.Key, Total: g.Sum(c => c.Value), Methods: string.Join(" ", g.OrderByDescending(c => c.Value).Select(c => $"{c.Key.Method} {N(c.Value)}"))))
                .OrderByDescending(r => r.Total).ToList();
            if (resources.Count == 0)
            {
                continue;
            }

            var shown = resources.Take(top).Select(r => $"{r.Resource} {N(r.Total)} ({r.Methods})");
            var rest = resources.Skip(top).Sum(r => r.Total);
            text.Append(CultureInfo.InvariantCulture, $"\n    {service}: {string.Join(", ", shown)}{(rest > 0 ? $", {resources.Count - top} more {N(rest)}" : string.Empty)}");
        }

        return text.ToString();
    }
}

/// <summary>A run's storage requests per slice of time from its start: how many, their time in flight (from the proxy
/// to the storage's answer's headers), the busiest kinds, and the CPU this process (self-host, sidecar, simulated
/// people) and Azurite used in it — where the storage was saturated, where everything waited.</summary>
internal sealed class Timeline
{
    private readonly TimeSpan _slice;
    private readonly long _start = System.Diagnostics.Stopwatch.GetTimestamp();
    private readonly ConcurrentDictionary<int, Slice> _slices = new();
    private readonly List<(TimeSpan At, TimeSpan Self, TimeSpan? Azurite)> _cpu = [];
    private TimeSpan _stopped;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;

    public Timeline(TimeSpan slice, string connection)
    {
        _slice = slice;
        _sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(slice);
            try
            {
                do
                {
                    _cpu.Add((System.Diagnostics.Stopwatch.GetElapsedTime(_start), System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime, AzuriteProcess.Cpu(connection)));
                }
                while (await timer.WaitForNextTickAsync(_stop.Token));
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public void Add(string kind, TimeSpan inFlight)
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        var slice = _slices.GetOrAdd((int)(System.Diagnostics.Stopwatch.GetElapsedTime(_start) / _slice), _ => new Slice());
        Interlocked.Increment(ref slice.Count);
        Interlocked.Add(ref slice.InFlightTicks, inFlight.Ticks);
        slice.Kinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }

    /// <summary>Stops counting and sampling.</summary>
    public async Task StopAsync()
    {
        _stopped = System.Diagnostics.Stopwatch.GetElapsedTime(_start);
        await _stop.CancelAsync();
        await _sampler;
    }

    /// <summary>One line per slice: its start, requests per second, their mean time in flight, the CPU of this process
    /// and of Azurite (a whole core being 100 %), the three busiest kinds.</summary>
    public string Describe()
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"  storage requests over time ({_slice.TotalSeconds:0} s slices from the host's start): requests per second, mean time in flight, CPU of this process / Azurite, the busiest kinds"));
        var last = _slices.IsEmpty ? -1 : _slices.Keys.Max();
        for (var i = 0; i <= last; i++)
        {
            var s = _slices.GetValueOrDefault(i) ?? new Slice();
            // The last slice ends where the counting stopped.
            var length = (i + 1) * _slice <= _stopped || _stopped <= i * _slice ? _slice : _stopped - (i * _slice);
            var kinds = string.Join(", ", s.Kinds.OrderByDescending(k => k.Value).Take(3).Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Key} {k.Value / length.TotalSeconds:0}/s")));
            text.Append(CultureInfo.InvariantCulture,
                $"\n    {(i * _slice).TotalSeconds,5:0} s: {s.Count / length.TotalSeconds,5:0}/s, {(s.Count == 0 ? 0 : TimeSpan.FromTicks(s.InFlightTicks / s.Count).TotalMilliseconds),6:0.0} ms, CPU {Cpu(i, c => c.Self)} / {Cpu(i, c => c.Azurite)} — {kinds}");
        }

        return text.ToString();
    }

    /// <summary>The CPU used over slice <paramref name="i"/>, a share of a core: between the samples taken nearest its
    /// start and its end (the sampler's ticks can be late or merged under load), over the time between them.</summary>
    private string Cpu(int i, Func<(TimeSpan At, TimeSpan Self, TimeSpan? Azurite), TimeSpan?> of)
    {
        var (start, end) = (i * _slice, (i + 1) * _slice);
        var first = _cpu.FindLastIndex(c => c.At <= start + (_slice / 2));
        var last = first < 0 ? -1 : _cpu.FindIndex(first + 1, c => c.At >= end - (_slice / 2));
        if (last < 0)
        {
            return "  ? %";
        }

        var (from, to) = (_cpu[first], _cpu[last]);
        return of(from) is { } a && of(to) is { } b
            ? string.Create(CultureInfo.InvariantCulture, $"{(b - a) / (to.At - from.At) * 100,3:0} %")
            : "  ? %";
    }

    private sealed class Slice
    {
        public readonly ConcurrentDictionary<string, int> Kinds = new();
        public int Count;
        public long InFlightTicks;
    }
}
