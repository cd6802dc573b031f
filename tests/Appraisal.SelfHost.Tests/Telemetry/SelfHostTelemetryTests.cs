using System.Diagnostics;
using Appraisal.SelfHost.Hosting;
using Appraisal.Workflow.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Appraisal.SelfHost.Tests.Telemetry;

/// <summary>The self-host's telemetry switch: with no OTLP endpoint nothing of OpenTelemetry is registered (no
/// exporter, no sampler); with one, the providers and the sampler are. And the sampler that keeps background polling
/// out of the traces.</summary>
public sealed class SelfHostTelemetryTests
{
    [Fact]
    public void WithoutAnEndpoint_NoProviderAndNoSampler_AreRegistered()
    {
        var services = Registered(new Dictionary<string, string?>());

        Assert.DoesNotContain(services, s => s.ServiceType == typeof(TracerProvider) || s.ServiceType == typeof(MeterProvider));
        Assert.DoesNotContain(services, s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(MetricsSamplerService));
    }

    [Fact]
    public void WithAnEndpoint_TheProvidersAndTheSampler_AreRegistered()
    {
        var services = Registered(new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4318" });

        Assert.Contains(services, s => s.ServiceType == typeof(TracerProvider));
        Assert.Contains(services, s => s.ServiceType == typeof(MeterProvider));
        Assert.Contains(services, s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(MetricsSamplerService));
    }

    [Theory]
    [InlineData("QueueClient.ReceiveMessages", ActivityKind.Internal, false)]
    [InlineData("GET", ActivityKind.Client, false)]
    [InlineData("POST api/cycles/{officeId}/{period}", ActivityKind.Server, true)]
    [InlineData("activity:OpenRatingsActivity", ActivityKind.Server, true)]
    [InlineData("create_orchestration:AppraisalCycleOrchestrator", ActivityKind.Producer, true)]
    [InlineData("appraisal.mail.dispatch", ActivityKind.Internal, true)]
    public void TheRootSampler_KeepsRequestsDurableAndOwnSpans_AndDropsBackgroundPolling(string name, ActivityKind kind, bool kept)
    {
        var decision = new SelfHostTelemetry.RootSampler().ShouldSample(new SamplingParameters(default, ActivityTraceId.CreateRandom(), name, kind));

        Assert.Equal(kept, decision.Decision == SamplingDecision.RecordAndSample);
    }

    [Fact]
    public void TheRootSampler_FollowsTheParent()
    {
        var sampled = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var dropped = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None);
        var sampler = new SelfHostTelemetry.RootSampler();

        Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(new SamplingParameters(sampled, sampled.TraceId, "GET", ActivityKind.Client)).Decision);
        Assert.Equal(SamplingDecision.Drop, sampler.ShouldSample(new SamplingParameters(dropped, dropped.TraceId, "appraisal.mail.send", ActivityKind.Internal)).Decision);
    }

    private static IServiceCollection Registered(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSelfHostTelemetry();
        return builder.Services;
    }
}
