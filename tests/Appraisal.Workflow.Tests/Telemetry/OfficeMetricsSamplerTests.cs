using System.Diagnostics.Metrics;
using Appraisal.Domain.Cycles;
using Appraisal.Domain.Periods;
using Appraisal.Storage;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Outbox;
using Appraisal.Workflow.Bulletins;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Hosting;
using Appraisal.Workflow.Notifications;
using Appraisal.Workflow.Telemetry;
using Appraisal.Workflow.Tests.Notifications;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Tests.Telemetry;

/// <summary>The office metrics' sampler on a real Azurite with cycles held in the in-process durable host: two
/// offices (one's id the other's prefix), cycles at several stages — one past its self-evaluation deadline with three
/// departments awaited, one with a correction past its deadline, one in time, one final (left out) — and mail of
/// both offices, some sent, one set aside. The gauges report the last sample only: collecting reads nothing, and a
/// stale sample is reported as nothing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OfficeMetricsSamplerTests : IAsyncLifetime
{
    private readonly ShiftedClock _clock = new();
    private DurableTaskTestHost _host = null!;
    private ServiceProvider _services = null!;
    private StorageAccount _account = null!;
    private string _office = null!;

    private string East => _office + "-east";

    public async Task InitializeAsync()
    {
        (_account, var scheme, var sample) = await HeldQuarter.SampleAsync("2026-Q1");
        _office = sample.Organisation.Office.Id;
        var org = sample.Organisation;
        await new OrganisationRepository(_account).ImportAsync(new Domain.Organisation.OfficeOrganisation(org.Office with { Id = East }, org.Departments, org.Positions, org.People));
        _host = await DurableTestHost.StartAsync(registry => registry.AddOrchestratorFunc<CycleStatus, string>("Held", async (context, status) =>
        {
            context.SetCustomStatus(status);
            return await context.WaitForExternalEvent<string>("release");
        }));

        var now = DateTime.UtcNow;
        var departments = sample.Organisation.Departments.Select(d => d.Id).ToList();
        (string Period, CycleStage Record, CycleStatus Status)[] cycles =
        [
            ("2026-Q1", CycleStage.Started, new CycleStatus(CycleStage.SelfEvaluation, departments.Take(3).ToList(), now.AddHours(-1))),
            ("2026-Q2", CycleStage.Started, new CycleStatus(CycleStage.Verification, [], now.AddHours(1), Correcting: [new(departments[3], now.AddHours(-1)), new(departments[4], now.AddHours(1))])),
            ("2026-Q3", CycleStage.Started, new CycleStatus(CycleStage.SelfEvaluation, departments.Take(5).ToList(), now.AddHours(1))),
            ("2025-Q4", CycleStage.Final, new CycleStatus(CycleStage.SelfEvaluation, departments.Take(5).ToList(), now.AddHours(-1))),
        ];
        foreach (var (period, record, status) in cycles)
        {
            var id = CycleStarter.InstanceId(_office, Period.Parse(period));
            await _host.Client.ScheduleNewOrchestrationInstanceAsync("Held", status, new StartOrchestrationOptions(id));
            await new CycleRepository(_account).CreateAsync(new CycleRecord(_office, period, scheme.Id, scheme.Version, record, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while ((await _host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, wait.Token))?.SerializedCustomStatus is null)
            {
                await Task.Delay(100, wait.Token);
            }
        }

        var outbox = new OutboxRepository(_account);
        var mail = (string Key) => new OutboxMessage(Key, "someone@example.org", "subject", "body", "zh", DateTimeOffset.UtcNow);
        await outbox.EnqueueAsync(OutboxCycleNotifications.Stream(_office, "2026-Q1"), mail("a"));
        await outbox.EnqueueAsync(OutboxCycleNotifications.Stream(_office, "2026-Q1"), mail("b"));
        await outbox.EnqueueAsync(StorageBulletinServices.Stream(_office, "2026-03"), mail("c"));
        await outbox.EnqueueAsync(OutboxCycleNotifications.Stream(East, "2026-Q1"), mail("d"));
        await outbox.EnqueueAsync(OutboxCycleNotifications.Stream(East, "2026-Q1"), mail("e"));
        var due = await outbox.DueAsync(DateTimeOffset.UtcNow.AddMinutes(1), 100);
        var d = due.Single(m => m.Value.Key == "d");
        await outbox.SetAsideAsync(await outbox.ClaimAsync(d, DateTimeOffset.UtcNow.AddMinutes(1)), DateTimeOffset.UtcNow, "550 no such mailbox");
        var c = due.Single(m => m.Value.Key == "c");
        await outbox.MarkSentAsync(await outbox.ClaimAsync(c, DateTimeOffset.UtcNow.AddMinutes(1)), DateTimeOffset.UtcNow);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = AzuriteFixture.ConnectionString,
            ["Storage:Prefix"] = _account.Options.Prefix,
            ["Telemetry:SampleInterval"] = "00:05:00",
        }).Build();
        _services = new ServiceCollection().AddLogging().AddAppraisalWorkflow(configuration).AddSingleton<TimeProvider>(_clock).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Sample_CountsEachOfficesCyclesByStage_TheOverdue_AndItsMail()
    {
        var sample = await _services.GetRequiredService<OfficeMetricsSampler>().SampleAsync(_host.Client, default);

        var office = sample.Offices.Single(o => o.OfficeId == _office);
        Assert.Equal(new Dictionary<CycleStage, int> { [CycleStage.SelfEvaluation] = 2, [CycleStage.Verification] = 1 }, office.CyclesByStage);
        Assert.Equal(2, office.CyclesOverdue);
        Assert.Equal(3 + 1, office.DepartmentsOverdue);
        Assert.Empty(office.ResponseRates);
        Assert.Equal((2, 0), (office.MailQueued, office.MailFailed));
        var east = sample.Offices.Single(o => o.OfficeId == East);
        Assert.Empty(east.CyclesByStage);
        Assert.Equal((1, 1), (east.MailQueued, east.MailFailed));
    }

    [Fact]
    public async Task Gauges_ReportTheLastSample_NothingBefore_AndNothingOnceStale()
    {
        using var gauges = new GaugeReader();
        Assert.Empty(gauges.Collect());

        await _services.GetRequiredService<OfficeMetricsSampler>().SampleAsync(_host.Client, default);
        // Mail enqueued after the sample is not seen until the next one: collecting reads no storage.
        await new OutboxRepository(_account).EnqueueAsync(OutboxCycleNotifications.Stream(_office, "2026-Q1"), new OutboxMessage("late", "x@example.org", "s", "b", "zh", DateTimeOffset.UtcNow));
        var points = gauges.Collect();

        Assert.Equal(2, points.Single(p => p.Name == "appraisal.cycles" && p.Office == _office && p.Tag("stage") == "SelfEvaluation").Value);
        Assert.Equal(1, points.Single(p => p.Name == "appraisal.cycles" && p.Office == _office && p.Tag("stage") == "Verification").Value);
        Assert.Equal(2, points.Single(p => p.Name == "appraisal.cycles.overdue" && p.Office == _office).Value);
        Assert.Equal(0, points.Single(p => p.Name == "appraisal.cycles.overdue" && p.Office == East).Value);
        Assert.Equal(4, points.Single(p => p.Name == "appraisal.departments.overdue" && p.Office == _office).Value);
        Assert.Equal(2, points.Single(p => p.Name == "appraisal.mail.queued" && p.Office == _office).Value);
        Assert.Equal(1, points.Single(p => p.Name == "appraisal.mail.failed" && p.Office == East).Value);

        _clock.Shift = TimeSpan.FromMinutes(16); // More than three intervals of five minutes.
        Assert.Empty(gauges.Collect());
    }

    /// <summary>Reads the Appraisal meter's gauges of the services' meter factory.</summary>
    private sealed class GaugeReader : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Name, string Office, KeyValuePair<string, object?>[] Tags, double Value)> _points = [];

        public GaugeReader()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == AppraisalTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
            _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
            _listener.Start();
        }

        public IReadOnlyList<(string Name, string Office, KeyValuePair<string, object?>[] Tags, double Value)> Collect()
        {
            _points.Clear();
            _listener.RecordObservableInstruments();
            return [.. _points];
        }

        public void Dispose() => _listener.Dispose();

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var all = tags.ToArray();
            _points.Add((instrument.Name, all.FirstOrDefault(t => t.Key == "appraisal.office_id").Value as string ?? "", all, value));
        }
    }

    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }
}

internal static class GaugePointExtensions
{
    public static string? Tag(this (string Name, string Office, KeyValuePair<string, object?>[] Tags, double Value) point, string key) =>
        point.Tags.FirstOrDefault(t => t.Key == key).Value as string;
}
