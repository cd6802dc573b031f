using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Appraisal.SelfHost.Tests.Telemetry;

/// <summary>A small OTLP/HTTP collector on loopback: accepts protobuf posts to /v1/traces, /v1/metrics and /v1/logs,
/// keeps their bodies, and reads the parts the tests look at (spans, gauge points) with <see cref="Protobuf"/>.</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _posts = new();

    private OtlpReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var url = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url.ToString());
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app, url);
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver._posts.Enqueue((signal, body.ToArray()));
            // An empty ExportServiceResponse: everything accepted.
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return receiver;
    }

    public IReadOnlyList<byte[]> Bodies(string signal) => _posts.Where(p => p.Signal == signal).Select(p => p.Body).ToList();

    /// <summary>Whether any post of <paramref name="signal"/> holds <paramref name="text"/> (as UTF-8).</summary>
    public bool Holds(string signal, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return Bodies(signal).Any(b => b.AsSpan().IndexOf(needle) >= 0);
    }

    /// <summary>Every span received: its scope (instrumentation) name, name and kind (2 = server).</summary>
    public IReadOnlyList<(string Scope, string Name, int Kind)> Spans() =>
        [.. from body in Bodies("traces")
            from resource in Protobuf.Messages(body, 1)
            from scope in Protobuf.Messages(resource, 2)
            let scopeName = Protobuf.Messages(scope, 1).Select(s => Protobuf.String(s, 1)).FirstOrDefault() ?? ""
            from span in Protobuf.Messages(scope, 2)
            select (scopeName, Protobuf.String(span, 5) ?? "", (int)Protobuf.Varint(span, 6))];

    /// <summary>Every gauge point received for the metric <paramref name="name"/>: its attributes and value.</summary>
    public IReadOnlyList<(IReadOnlyDictionary<string, string> Attributes, double Value)> GaugePoints(string name) => Points(name, 5);

    /// <summary>Every point of the counter (monotonic sum) <paramref name="name"/> received: its attributes and value.</summary>
    public IReadOnlyList<(IReadOnlyDictionary<string, string> Attributes, double Value)> SumPoints(string name) => Points(name, 7);

    /// <summary>The points of a metric's data of one kind (the Metric message's field: 5 gauge, 7 sum).</summary>
    private IReadOnlyList<(IReadOnlyDictionary<string, string> Attributes, double Value)> Points(string name, int kind) =>
        [.. from body in Bodies("metrics")
            from resource in Protobuf.Messages(body, 1)
            from scope in Protobuf.Messages(resource, 2)
            from metric in Protobuf.Messages(scope, 2)
            where Protobuf.String(metric, 1) == name
            from data in Protobuf.Messages(metric, kind)
            from point in Protobuf.Messages(data, 1)
            select (Attributes(point, 7), Protobuf.Number(point))];

    private static IReadOnlyDictionary<string, string> Attributes(byte[] message, int field) =>
        Protobuf.Messages(message, field).ToDictionary(kv => Protobuf.String(kv, 1) ?? "", kv => Protobuf.Messages(kv, 2).Select(v => Protobuf.String(v, 1) ?? "").FirstOrDefault() ?? "");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Just enough of the protobuf wire format to walk OTLP messages: fields by number, varints, fixed64s and
/// length-delimited parts (sub-messages and strings).</summary>
public static class Protobuf
{
    public static IEnumerable<byte[]> Messages(byte[] message, int field) => Fields(message).Where(f => f.Number == field && f.Wire == 2).Select(f => f.Bytes!);

    public static string? String(byte[] message, int field) => Messages(message, field).Select(b => Encoding.UTF8.GetString(b)).FirstOrDefault();

    public static ulong Varint(byte[] message, int field) => Fields(message).Where(f => f.Number == field && f.Wire == 0).Select(f => f.Value).FirstOrDefault();

    /// <summary>A NumberDataPoint's value: as_double (field 4) or as_int (field 6).</summary>
    public static double Number(byte[] point)
    {
        foreach (var f in Fields(point))
        {
            if (f.Number == 4 && f.Wire == 1)
            {
                return BitConverter.Int64BitsToDouble((long)f.Value);
            }

            if (f.Number == 6 && f.Wire == 1)
            {
                return (long)f.Value;
            }
        }

        return double.NaN;
    }

    private static IEnumerable<(int Number, int Wire, ulong Value, byte[]? Bytes)> Fields(byte[] message)
    {
        var list = new List<(int, int, ulong, byte[]?)>();
        var i = 0;
        while (i < message.Length)
        {
            var key = ReadVarint(message, ref i);
            var (number, wire) = ((int)(key >> 3), (int)(key & 7));
            switch (wire)
            {
                case 0:
                    list.Add((number, wire, ReadVarint(message, ref i), null));
                    break;
                case 1:
                    list.Add((number, wire, BitConverter.ToUInt64(message, i), null));
                    i += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref i);
                    list.Add((number, wire, 0, message[i..(i + length)]));
                    i += length;
                    break;
                case 5:
                    list.Add((number, wire, BitConverter.ToUInt32(message, i), null));
                    i += 4;
                    break;
                default:
                    throw new InvalidDataException($"unexpected wire type {wire}");
            }
        }

        return list;
    }

    private static ulong ReadVarint(byte[] data, ref int i)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[i++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
