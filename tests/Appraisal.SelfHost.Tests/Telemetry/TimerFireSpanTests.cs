using System.Diagnostics;
using Appraisal.SelfHost.Tests.Hosting;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Schedules;
using Appraisal.Workflow.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appraisal.SelfHost.Tests.Telemetry;

/// <summary>A checkpoint's fire is one span of the workflow's own source, naming the schedule.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TimerFireSpanTests
{
    [Fact]
    public async Task AFire_IsOneAppraisalSpan_NamingItsSchedule()
    {
        var fixture = await CycleFixture.CreateAsync("2026-Q1");
        await using var durable = await DurableTestHost.StartAsync(_ => { });
        var organisation = new OrganisationRepository(fixture.Account);
        var cycles = new CycleStarter(organisation, new SchemeRepository(fixture.Account), new CycleRepository(fixture.Account), new CycleOptions(), TimeProvider.System);
        var starter = new CheckpointStarter(organisation, cycles, new ScheduleOptions(), NullLogger<CheckpointStarter>.Instance);
        var spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AppraisalTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var started = await starter.FireAsync(durable.Client, CheckpointKind.Quarterly, new DateTime(2026, 3, 31, 16, 0, 0, DateTimeKind.Utc), default);

        Assert.Single(started);
        var fire = Assert.Single(spans, s => s.OperationName == "appraisal.timer.fire");
        Assert.Equal("Quarterly", fire.GetTagItem("appraisal.checkpoint"));
    }
}
