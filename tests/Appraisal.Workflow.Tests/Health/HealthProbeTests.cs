using System.Net;
using System.Net.Sockets;
using Appraisal.Storage;
using Appraisal.Workflow.Health;
using Appraisal.Workflow.Mail;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appraisal.Workflow.Tests.Health;

/// <summary>The health probe against real parts: Azurite, the in-process task hub, and SMTP endpoints that refuse or
/// never greet. A part that does not answer is unhealthy within the probe's time; answers are reused for a while.</summary>
[Collection(Notifications.AzuriteCollection.Name)]
public sealed class HealthProbeTests : IAsyncLifetime
{
    private static readonly HealthOptions Quick = new() { Timeout = TimeSpan.FromSeconds(1), CacheFor = TimeSpan.Zero };

    private DurableTaskTestHost _durable = null!;

    public async Task InitializeAsync() => _durable = await DurableTestHost.StartAsync(_ => { });

    public async Task DisposeAsync() => await _durable.DisposeAsync();

    [Fact]
    public async Task StorageAndTaskHubAnswering_WithoutSmtp_IsHealthy_SmtpNotConfigured()
    {
        var probe = Probe(await AzuriteFixture.FreshAccountAsync(), new SmtpOptions());

        var report = await probe.CheckAsync(_durable.Client, default);

        Assert.True(report.Healthy);
        Assert.Equal([("storage", PartState.Healthy), ("taskHub", PartState.Healthy), ("smtp", PartState.NotConfigured)], report.Parts.Select(p => (p.Name, p.State)));
    }

    [Fact]
    public async Task StorageNotListening_IsUnhealthy_AndTheOthersAreStillAsked()
    {
        var nowhere = new StorageAccount(new StorageOptions
        {
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};" +
                $"BlobEndpoint=http://127.0.0.1:{LoopbackPort.Free()}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{LoopbackPort.Free()}/devstoreaccount1;",
            MaxRetries = 0,
        });

        var report = await Probe(nowhere, new SmtpOptions()).CheckAsync(_durable.Client, default);

        Assert.False(report.Healthy);
        Assert.Equal(PartState.Unhealthy, State(report, "storage"));
        Assert.Equal(PartState.Healthy, State(report, "taskHub"));
    }

    [Fact]
    public async Task SmtpRefusingConnections_IsUnhealthy()
    {
        var report = await Probe(await AzuriteFixture.FreshAccountAsync(), Smtp(LoopbackPort.Free())).CheckAsync(_durable.Client, default);

        Assert.False(report.Healthy);
        Assert.Equal(PartState.Unhealthy, State(report, "smtp"));
        Assert.Equal(PartState.Healthy, State(report, "storage"));
    }

    [Fact]
    public async Task SmtpThatAcceptsButNeverGreets_IsUnhealthy_WithinTheProbesTime()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = silent.AcceptTcpClientAsync();

        var report = await Probe(await AzuriteFixture.FreshAccountAsync(), Smtp(((IPEndPoint)silent.LocalEndpoint).Port)).CheckAsync(_durable.Client, default);

        Assert.True(accepted.IsCompleted);
        Assert.Equal(PartState.Unhealthy, State(report, "smtp"));
        (await accepted).Dispose();
    }

    [Fact]
    public async Task AnAnswer_IsReusedForCacheFor_ThenAskedAgain()
    {
        var clock = new SteppedClock();
        var probe = new HealthProbe(new StorageProbe(await AzuriteFixture.FreshAccountAsync()), new SmtpOptions(), new HealthOptions { Timeout = TimeSpan.FromSeconds(1), CacheFor = TimeSpan.FromSeconds(15) },
            clock, NullLogger<HealthProbe>.Instance);

        var first = await probe.CheckAsync(_durable.Client, default);
        clock.Advance(TimeSpan.FromSeconds(14));
        var reused = await probe.CheckAsync(_durable.Client, default);
        clock.Advance(TimeSpan.FromSeconds(2));
        var fresh = await probe.CheckAsync(_durable.Client, default);

        Assert.Same(first, reused);
        Assert.NotSame(first, fresh);
        Assert.Equal(first.CheckedAt + TimeSpan.FromSeconds(16), fresh.CheckedAt);
    }

    private static PartState State(HealthReport report, string part) => Assert.Single(report.Parts, p => p.Name == part).State;

    private static SmtpOptions Smtp(int port) => new() { Host = "127.0.0.1", Port = port, Security = "None", AllowInsecure = true };

    private static HealthProbe Probe(StorageAccount storage, SmtpOptions smtp) =>
        new(new StorageProbe(storage), smtp, Quick, TimeProvider.System, NullLogger<HealthProbe>.Instance);

    /// <summary>Real timers, a clock the test moves.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
