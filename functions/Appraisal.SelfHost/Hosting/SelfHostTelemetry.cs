using System.Diagnostics;
using Appraisal.Workflow.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Appraisal.SelfHost.Hosting;

/// <summary>The self-host's OpenTelemetry (section <c>Telemetry</c>): traces, metrics and logs to one OTLP endpoint —
/// off, with no exporter and no sampler, when <see cref="TelemetryOptions.OtlpEndpoint"/> is not set.</summary>
/// <remarks>Traces: ASP.NET Core (the app's requests, not the durable sidecar's gRPC), HttpClient, the Azure SDK
/// (storage), Durable Task (the worker's and the client's spans, and DurableTask.Core's), and the workflow's own
/// <see cref="AppraisalTelemetry.Source"/>. A span that starts a trace in the background — the durable backend polling
/// its queues, a client's outbound call with no request around it — is not kept unless it is the workflow's own or
/// the Durable Task framework's (<see cref="RootSampler"/>): an idle host would otherwise export a poll every second.
/// Metrics: ASP.NET Core, HttpClient and the Meter <c>Appraisal</c> (the office gauges and the mail counters).</remarks>
internal static class SelfHostTelemetry
{
    /// <summary>The Durable Task sources: the portable worker's and client's, and the framework core's (the sidecar).</summary>
    public static readonly string[] DurableSources = ["Microsoft.DurableTask", "Microsoft.DurableTask.*", "DurableTask.Core"];

    public static WebApplicationBuilder AddSelfHostTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.OtlpEndpoint is not { } endpoint)
        {
            return builder;
        }

        // The Azure SDK creates its spans only with this switch on (its ActivitySource support is experimental).
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var grpc = string.Equals(options.Protocol, "grpc", StringComparison.Ordinal);
        void Otlp(OtlpExporterOptions o, string signal)
        {
            o.Protocol = grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
            // Over http/protobuf an endpoint set in code is used as it is: the signal's path is added here.
            o.Endpoint = grpc ? endpoint : new Uri($"{endpoint.ToString().TrimEnd('/')}/v1/{signal}");
        }

        var attributes = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in options.ResourceAttributes)
        {
            attributes[key] = value;
        }

        if (!string.IsNullOrWhiteSpace(options.OfficeId))
        {
            attributes["appraisal.office_id"] = options.OfficeId;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName).AddAttributes(attributes))
            .WithTracing(t => t
                .SetSampler(new RootSampler())
                .AddAspNetCoreInstrumentation(o => o.Filter = context => context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
                .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = request => request.Content?.Headers.ContentType?.MediaType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
                .AddSource("Azure.*", AppraisalTelemetry.Name)
                .AddSource(DurableSources)
                .AddOtlpExporter(o => Otlp(o, "traces")))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(AppraisalTelemetry.Name)
                .AddOtlpExporter((o, reader) =>
                {
                    Otlp(o, "metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.MetricExportInterval.TotalMilliseconds;
                }))
            .WithLogging(l => l.AddOtlpExporter(o => Otlp(o, "logs")), o => o.IncludeScopes = true);
        builder.Services.AddHostedService<MetricsSamplerService>();
        return builder;
    }

    /// <summary>Keeps every span under a kept parent and every span that starts a trace for a request the host serves,
    /// a durable orchestration or activity (<c>kind:name</c>) or the workflow's own work (<c>appraisal.*</c>); drops
    /// other spans that would start a trace (background polling).</summary>
    internal sealed class RootSampler : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
        {
            if (samplingParameters.ParentContext.TraceId != default)
            {
                return new SamplingResult(samplingParameters.ParentContext.TraceFlags.HasFlag(ActivityTraceFlags.Recorded));
            }

            var name = samplingParameters.Name;
            var kept = samplingParameters.Kind == ActivityKind.Server || name.StartsWith("appraisal.", StringComparison.Ordinal) || name.Contains(':', StringComparison.Ordinal);
            return new SamplingResult(kept);
        }
    }
}
