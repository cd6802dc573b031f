using Appraisal.SelfHost.Hosting;
using Appraisal.Storage;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Timers;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Schedules;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The self-host's calendar after downtime: from the last fire it recorded, it starts every checkpoint the
/// Functions app would have (the shared rule), records each, and leaves a failed fire unrecorded for the next try; one
/// office failing holds back none of the others.
/// The clock is fixed; the durable client is the in-process test host's, whose instances show what was started.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CalendarSchedulerTests : IAsyncLifetime
{
    private static readonly DateTime January31 = new(2026, 1, 31, 16, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime December31 = new(2025, 12, 31, 16, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime February28 = new(2026, 2, 28, 16, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime March31 = new(2026, 3, 31, 16, 0, 0, DateTimeKind.Utc);

    private DurableTaskTestHost _durable = null!;

    // Nothing is registered: the instances are only looked at, never run.
    public async Task InitializeAsync() => _durable = await DurableTestHost.StartAsync(_ => { });

    public async Task DisposeAsync() => await _durable.DisposeAsync();

    [Fact]
    public async Task AfterDownFrom28FebruaryTo3April_StartsFebruaryMarchAndTheFirstQuarter_AndRecordsThem()
    {
        var fixture = await CycleFixture.CreateAsync("2026-Q1");
        var fires = new TimerFireRepository(fixture.Account);
        await fires.RecordAsync(nameof(CheckpointKind.Monthly), January31, January31);
        await fires.RecordAsync(nameof(CheckpointKind.Quarterly), December31, December31);
        var scheduler = Scheduler(fixture.Account, new DateTime(2026, 4, 3, 9, 0, 0, DateTimeKind.Utc));

        var monthly = await scheduler.CatchUpAsync(CheckpointKind.Monthly, default);
        var quarterly = await scheduler.CatchUpAsync(CheckpointKind.Quarterly, default);

        Assert.Equal([February28, March31], monthly);
        Assert.Equal([March31], quarterly);
        Assert.Equal(["bulletin-sample-basic-2026-M02", "bulletin-sample-basic-2026-M03", "cycle-sample-basic-2026-Q1"],
            await StartedAsync("bulletin-sample-basic-2026-M01", "bulletin-sample-basic-2026-M02", "bulletin-sample-basic-2026-M03", "cycle-sample-basic-2026-Q1"));
        Assert.Equal(March31, (await fires.GetAsync(nameof(CheckpointKind.Monthly)))!.LastFired.UtcDateTime);
        Assert.Equal(March31, (await fires.GetAsync(nameof(CheckpointKind.Quarterly)))!.LastFired.UtcDateTime);
        Assert.Null(await fires.GetAsync(nameof(CheckpointKind.Annual)));
    }

    [Fact]
    public async Task ARestartAfterCatchingUp_StartsNothingMore()
    {
        var fixture = await CycleFixture.CreateAsync("2026-Q1");
        var fires = new TimerFireRepository(fixture.Account);
        await fires.RecordAsync(nameof(CheckpointKind.Monthly), January31, January31);
        var now = new DateTime(2026, 4, 3, 9, 0, 0, DateTimeKind.Utc);
        await Scheduler(fixture.Account, now).CatchUpAsync(CheckpointKind.Monthly, default);

        var again = await Scheduler(fixture.Account, now.AddHours(1)).CatchUpAsync(CheckpointKind.Monthly, default);

        Assert.Empty(again);
        Assert.Equal(March31, (await fires.GetAsync(nameof(CheckpointKind.Monthly)))!.LastFired.UtcDateTime);
    }

    [Fact]
    public async Task TheFirstStart_WithNoFireRecorded_LooksBackOneDayOnly()
    {
        var fixture = await CycleFixture.CreateAsync("2026-Q1");
        var fires = new TimerFireRepository(fixture.Account);
        var scheduler = Scheduler(fixture.Account, new DateTime(2026, 4, 1, 2, 0, 0, DateTimeKind.Utc));

        var monthly = await scheduler.CatchUpAsync(CheckpointKind.Monthly, default);

        Assert.Equal([March31], monthly);
        Assert.Equal(["bulletin-sample-basic-2026-M03"], await StartedAsync("bulletin-sample-basic-2026-M02", "bulletin-sample-basic-2026-M03"));
        Assert.Equal(March31, (await fires.GetAsync(nameof(CheckpointKind.Monthly)))!.LastFired.UtcDateTime);
    }

    [Fact]
    public async Task AFailedFire_IsNotRecorded_SoTheNextStartTriesItAgain()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var fires = new TimerFireRepository(account);
        await fires.RecordAsync(nameof(CheckpointKind.Monthly), January31, January31);
        // Without its organisation table the starter cannot list the offices: the fire throws.
        await account.Table(TableNames.Organisation).DeleteAsync();
        var now = new DateTime(2026, 4, 3, 9, 0, 0, DateTimeKind.Utc);

        var failed = await Scheduler(account, now).CatchUpAsync(CheckpointKind.Monthly, default);

        Assert.Empty(failed);
        Assert.Equal(January31, (await fires.GetAsync(nameof(CheckpointKind.Monthly)))!.LastFired.UtcDateTime);

        await account.Table(TableNames.Organisation).CreateAsync();
        var retried = await Scheduler(account, now.AddHours(1)).CatchUpAsync(CheckpointKind.Monthly, default);

        Assert.Equal([February28, March31], retried);
        Assert.Equal(March31, (await fires.GetAsync(nameof(CheckpointKind.Monthly)))!.LastFired.UtcDateTime);
    }

    [Fact]
    public async Task AnOfficeWhoseStartFailsOnce_HoldsBackNoOther_AndIsStartedOnRetry_WhenTheFireIsRecorded()
    {
        var (fires, flaky, account) = await ThreeOfficesOneFlakyAsync();
        var now = new DateTime(2026, 4, 1, 2, 0, 0, DateTimeKind.Utc);
        string[] bulletins = ["bulletin-office-a-2026-M03", "bulletin-office-b-2026-M03", "bulletin-office-c-2026-M03"];

        var failed = await Scheduler(account, now).CatchUpAsync(CheckpointKind.Monthly, default);

        Assert.True(flaky.Failed);
        Assert.Empty(failed);
        Assert.Equal(["bulletin-office-a-2026-M03", "bulletin-office-c-2026-M03"], await StartedAsync(bulletins));
        Assert.Equal(February28, (await fires.GetAsync(nameof(CheckpointKind.Monthly)))!.LastFired.UtcDateTime);

        // The retry (the scheduler's backoff, or the Functions host's retry policy) fires again: office-b starts, and
        // only now is the fire recorded; a and c are not started twice (the same instances, still pending).
        var retried = await Scheduler(account, now.AddMinutes(1)).CatchUpAsync(CheckpointKind.Monthly, default);

        Assert.Equal([March31], retried);
        Assert.Equal(bulletins, await StartedAsync(bulletins));
        Assert.Equal(March31, (await fires.GetAsync(nameof(CheckpointKind.Monthly)))!.LastFired.UtcDateTime);
    }

    [Fact]
    public async Task Running_AFireThatFailedForAnOffice_IsTriedAgainAfterTheRetryDelay_NotAtTheNextOccurrence()
    {
        var (fires, flaky, account) = await ThreeOfficesOneFlakyAsync();
        // Only the monthly fire is due.
        await fires.RecordAsync(nameof(CheckpointKind.Quarterly), March31, March31);
        await fires.RecordAsync(nameof(CheckpointKind.Annual), December31, December31);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 2, 0, 0, TimeSpan.Zero));
        var nextOccurrence = new DateTimeOffset(2026, 4, 30, 16, 0, 0, TimeSpan.Zero);
        string[] bulletins = ["bulletin-office-a-2026-M03", "bulletin-office-b-2026-M03", "bulletin-office-c-2026-M03"];
        using var scheduler = Scheduler(account, clock);

        await scheduler.StartAsync(default);
        try
        {
            // The start's catch-up: a and c started, b failed; the scheduler now waits on the (fake) clock.
            for (var i = 0; i < 300 && !(flaky.Failed && (await StartedAsync(bulletins)).Count == 2); i++)
            {
                await Task.Delay(100);
            }

            Assert.Equal(["bulletin-office-a-2026-M03", "bulletin-office-c-2026-M03"], await StartedAsync(bulletins));
            Assert.Equal(February28, (await fires.GetAsync(nameof(CheckpointKind.Monthly)))!.LastFired.UtcDateTime);

            // Minutes pass (a minute at a time, from whenever the scheduler began to wait): the retry starts b and
            // records the fire, a month before the schedule's next occurrence.
            for (var i = 0; i < 300 && (await fires.GetAsync(nameof(CheckpointKind.Monthly)))!.LastFired.UtcDateTime != March31; i++)
            {
                clock.Advance(TimeSpan.FromMinutes(1));
                await Task.Delay(100);
            }

            Assert.Equal(March31, (await fires.GetAsync(nameof(CheckpointKind.Monthly)))!.LastFired.UtcDateTime);
            Assert.Equal(bulletins, await StartedAsync(bulletins));
            Assert.True(clock.GetUtcNow() < nextOccurrence, $"retried only at {clock.GetUtcNow():u}");
        }
        finally
        {
            await scheduler.StopAsync(default);
        }
    }

    [Fact]
    public void AFailedFire_IsTriedAgainAfter1_2_4Minutes_UpToAnHour()
    {
        var options = new ScheduleOptions();

        Assert.Equal(
            [1, 2, 4, 8, 16, 32, 60, 60],
            Enumerable.Range(1, 8).Select(failures => options.RetryAfter(failures).TotalMinutes));
        Assert.Equal(TimeSpan.FromHours(1), options.RetryAfter(1000));
        // The longest settings, failing for ever, stay at their cap.
        Assert.Equal(TimeSpan.FromDays(1), new ScheduleOptions { RetryDelay = TimeSpan.FromDays(1), RetryMaxDelay = TimeSpan.FromDays(1) }.RetryAfter(int.MaxValue));
    }

    /// <summary>Offices a, b and c, the monthly checkpoint last fired on 28 February, and an account over them whose
    /// storage fails office-b's first read past its retries (a 503 with none left); the others' reads pass.</summary>
    private static async Task<(TimerFireRepository Fires, FailOnce Flaky, StorageAccount Account)> ThreeOfficesOneFlakyAsync()
    {
        var fixture = await CycleFixture.CreateAsync("2026-Q1", "office-a", "office-b", "office-c");
        var fires = new TimerFireRepository(fixture.Account);
        await fires.RecordAsync(nameof(CheckpointKind.Monthly), February28, February28);
        var flaky = new FailOnce("office-b");
        return (fires, flaky, new StorageAccount(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, Prefix = fixture.Prefix, MaxRetries = 0 }, flaky));
    }

    private CalendarScheduler Scheduler(StorageAccount account, DateTime utcNow) => Scheduler(account, new FixedClock(utcNow));

    private CalendarScheduler Scheduler(StorageAccount account, TimeProvider clock)
    {
        var organisation = new OrganisationRepository(account);
        var schedules = new ScheduleOptions();
        var cycles = new CycleStarter(organisation, new SchemeRepository(account), new CycleRepository(account), new CycleOptions(), clock);
        var starter = new CheckpointStarter(organisation, cycles, schedules, NullLogger<CheckpointStarter>.Instance);
        return new CalendarScheduler(starter, _durable.Client, new TimerFireRepository(account), schedules, clock, NullLogger<CalendarScheduler>.Instance);
    }

    private async Task<IReadOnlyList<string>> StartedAsync(params string[] instanceIds)
    {
        var started = new List<string>();
        foreach (var id in instanceIds)
        {
            if (await _durable.Client.GetInstanceAsync(id) is not null)
            {
                started.Add(id);
            }
        }

        return started;
    }

    /// <summary>Answers the first request that names <paramref name="office"/> with 503 itself, as busy storage would.</summary>
    private sealed class FailOnce(string office) : Azure.Core.Pipeline.HttpPipelinePolicy
    {
        private int _failed;

        public bool Failed => _failed > 0;

        public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            if (Uri.UnescapeDataString(message.Request.Uri.ToString()).Contains(office, StringComparison.Ordinal) && Interlocked.Exchange(ref _failed, 1) == 0)
            {
                throw new Azure.RequestFailedException(503, $"storage busy for {office}");
            }

            return ProcessNextAsync(message, pipeline);
        }
    }

    private sealed class FixedClock(DateTime utcNow) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utcNow);
    }
}
