using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Appraisal.Testing;

/// <summary>A loopback HTTP proxy in front of a storage emulator's blob, queue and table ports, for fault tests: it
/// passes requests through, answers <c>503 Server Busy</c> (with the <c>x-ms-error-code: ServerBusy</c> header and the
/// error body Azure Storage sends) to a share of them, holds them unanswered until told to pass them again, or drops
/// every connection as a server that is gone would. A request the emulator cannot take (it was killed) has its
/// connection dropped too.
/// Point the code under test at <see cref="ConnectionString"/>.</summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Expect", "Proxy-Connection", "Upgrade" };

    private readonly Dictionary<int, int> _upstreamOf;
    private readonly int _tablePort;
    private readonly Lock _lock = new();
    private double _busyShare;
    private bool _down;
    private long _inFlight;
    private readonly Dictionary<string, int> _refusals = new(StringComparer.Ordinal);
    private Func<HttpRequest, bool>? _downAfterMatch;
    private int _downAfterCount;
    private long _seen;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _forwarded;
    private long _busy;
    private long _held;
    private long _dropped;

    private FaultProxy(WebApplication app, Dictionary<int, int> upstreamOf, int tablePort)
    {
        _app = app;
        _upstreamOf = upstreamOf;
        _tablePort = tablePort;
        _released.SetResult();
    }

    /// <summary>The proxy's connection string: the development account at the proxy's ports.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Requests passed to the emulator and answered by it.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>Requests answered 503 Server Busy by the proxy itself.</summary>
    public long Busy => Interlocked.Read(ref _busy);

    /// <summary>Requests held while <see cref="Hold"/> was in force.</summary>
    public long Held => Interlocked.Read(ref _held);

    /// <summary>Requests whose connection was dropped: while <see cref="Down"/>, or because the emulator could not be
    /// reached or did not finish.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Starts the proxy on free loopback ports in front of the emulator's blob, queue and table ports.</summary>
    public static async Task<FaultProxy> StartAsync(int blob, int queue, int table)
    {
        var (proxyBlob, proxyQueue, proxyTable) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            foreach (var port in new[] { proxyBlob, proxyQueue, proxyTable })
            {
                k.Listen(IPAddress.Loopback, port);
            }

            k.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var proxy = new FaultProxy(app, new Dictionary<int, int> { [proxyBlob] = blob, [proxyQueue] = queue, [proxyTable] = table }, proxyTable)
        {
            ConnectionString = AzuriteServer.ConnectionString(proxyBlob, proxyQueue, proxyTable),
        };
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        return proxy;
    }

    /// <summary>How often <see cref="ServerBusy"/> refuses one request (counted by its client request id).</summary>
    public const int MaxRefusalsPerRequest = 2;

    /// <summary>Requests being passed to the emulator now.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Every request passes (and held ones go on).</summary>
    public void PassThrough()
    {
        lock (_lock)
        {
            _busyShare = 0;
            _down = false;
            _downAfterMatch = null;
            _released.TrySetResult();
        }
    }

    /// <summary>Answers 503 Server Busy to <paramref name="share"/> of the requests (0 to 1, spread evenly: with 0.5 every
    /// second one), passing the rest — but one request (its <c>x-ms-client-request-id</c>, the same on each of the
    /// storage client's retries) at most <see cref="MaxRefusalsPerRequest"/> times: the client retries a 503 three
    /// times, and a request refused on every try is an outage, which <see cref="Down"/> and a paused emulator model.</summary>
    public void ServerBusy(double share)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(share);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1);
        lock (_lock)
        {
            _busyShare = share;
            _down = false;
            _released.TrySetResult();
        }
    }

    /// <summary>Holds every new request unanswered until <see cref="PassThrough"/> or <see cref="ServerBusy"/> (or
    /// until its caller gives up).</summary>
    public void Hold()
    {
        lock (_lock)
        {
            if (_released.Task.IsCompleted)
            {
                _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Drops the connection of every new request (and of held ones), as a server that is gone would, until
    /// <see cref="PassThrough"/> or <see cref="ServerBusy"/>.</summary>
    public void Down()
    {
        lock (_lock)
        {
            _down = true;
            _released.TrySetResult();
        }
    }

    /// <summary>Passes requests until <paramref name="count"/> of those that <paramref name="match"/> have been answered,
    /// then goes <see cref="Down"/>: storage lost at a chosen point of what the code under test does.</summary>
    public void DownAfter(int count, Func<HttpRequest, bool> match)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_lock)
        {
            _downAfterCount = count;
            _downAfterMatch = match;
        }
    }

    /// <summary>Waits until no request is being passed to the emulator.</summary>
    public async Task IdleAsync()
    {
        while (InFlight > 0)
        {
            await Task.Delay(50);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        Task released;
        lock (_lock)
        {
            released = _released.Task;
        }

        try
        {
            if (!released.IsCompleted)
            {
                Interlocked.Increment(ref _held);
                await released.WaitAsync(context.RequestAborted);
            }

            if (IsDown())
            {
                Interlocked.Increment(ref _dropped);
                context.Abort();
                return;
            }

            if (RefuseNext(context.Request.Headers["x-ms-client-request-id"].ToString()))
            {
                Interlocked.Increment(ref _busy);
                await ServerBusyAsync(context);
                return;
            }

            Func<HttpRequest, bool>? match;
            lock (_lock)
            {
                match = _downAfterMatch;
            }

            var counts = match?.Invoke(context.Request) ?? false;
            Interlocked.Increment(ref _inFlight);
            try
            {
                await ForwardAsync(context);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }

            Interlocked.Increment(ref _forwarded);
            if (counts)
            {
                lock (_lock)
                {
                    if (_downAfterMatch == match && --_downAfterCount == 0)
                    {
                        _downAfterMatch = null;
                        _down = true;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            // The emulator is gone (killed) or the caller gave up: drop the connection, as a vanished server's is.
            Interlocked.Increment(ref _dropped);
            context.Abort();
        }
    }

    private bool IsDown()
    {
        lock (_lock)
        {
            return _down;
        }
    }

    private bool RefuseNext(string clientRequestId)
    {
        lock (_lock)
        {
            var n = _seen++;
            if (Math.Floor((n + 1) * _busyShare) <= Math.Floor(n * _busyShare))
            {
                return false;
            }

            if (clientRequestId.Length == 0)
            {
                return true;
            }

            var refused = _refusals.GetValueOrDefault(clientRequestId);
            if (refused >= MaxRefusalsPerRequest)
            {
                return false;
            }

            _refusals[clientRequestId] = refused + 1;
            return true;
        }
    }

    private async Task ServerBusyAsync(HttpContext context)
    {
        const string Message = "The server is currently unable to receive requests. Please retry your request.";
        var id = Guid.NewGuid().ToString();
        var response = context.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers["x-ms-error-code"] = "ServerBusy";
        response.Headers["x-ms-request-id"] = id;
        response.Headers["x-ms-version"] = context.Request.Headers["x-ms-version"];
        var detail = $"{Message}\nRequestId:{id}\nTime:{DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture)}";
        if (context.Connection.LocalPort == _tablePort)
        {
            response.ContentType = "application/json;odata=minimalmetadata;streaming=true;charset=utf-8";
            await response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["odata.error"] = new { code = "ServerBusy", message = new { lang = "en-US", value = detail } },
            }));
        }
        else
        {
            response.ContentType = "application/xml";
            await response.WriteAsync($"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>ServerBusy</Code><Message>{detail}</Message></Error>");
        }
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? $"{request.Path}{request.QueryString}";
        using var outgoing = new HttpRequestMessage(new HttpMethod(request.Method), new Uri($"http://127.0.0.1:{_upstreamOf[context.Connection.LocalPort]}{target}"));
        if (request.ContentLength is not null || request.Headers.TransferEncoding.Count > 0)
        {
            outgoing.Content = new StreamContent(request.Body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!outgoing.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                outgoing.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var incoming = await _upstream.SendAsync(outgoing, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        var response = context.Response;
        response.StatusCode = (int)incoming.StatusCode;
        foreach (var (name, values) in incoming.Headers.Concat(incoming.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                response.Headers[name] = values.ToArray();
            }
        }

        if (!HttpMethods.IsHead(request.Method))
        {
            await incoming.Content.CopyToAsync(response.Body, context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        PassThrough();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
