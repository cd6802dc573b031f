using Appraisal.Domain.Calendar;
using Appraisal.Storage;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Calendar;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Schedules;
using Appraisal.Workflow.Tests.Notifications;

namespace Appraisal.Workflow.Tests.Cycle;

/// <summary>The deadlines a quarter's start counts (over Azurite, the sample office under template B, a clock set in
/// 2026): working days to 24:00 Beijing time of the last, calendar time moved off the days off, the grace and the rating
/// window beside self-evaluation with them — and a year the calendar lacks refused at the field, nothing recorded.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkingDayStartTests : IAsyncLifetime
{
    private StorageAccount _account = null!;
    private Domain.Schemes.Scheme _scheme = null!;
    private string _office = null!;

    public async Task InitializeAsync()
    {
        (_account, _scheme, var sample) = await HeldQuarter.SampleAsync("2026-Q1");
        _office = sample.Organisation.Office.Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static DateTimeOffset Beijing(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    private CycleStarter Starter(DateTimeOffset now, WorkingCalendar calendar) =>
        new(new OrganisationRepository(_account), new SchemeRepository(_account), new CycleRepository(_account), new CycleOptions(), new Clock(now), new Source(calendar), new ScheduleOptions());

    [Fact]
    public async Task WorkingDays_FromTheIssuesWednesday_EndOnTheWorkedSaturday_TheGraceAndRatingWindowCountedAlike()
    {
        var input = await Starter(Beijing(4, 29, 10), WorkingCalendar.Shipped).PrepareQuarterAsync(
            new CycleStart(_office, "2026-Q1", _scheme.Id, SelfEvaluationTime: StageDuration.OfWorkingDays(5), Grace: StageDuration.OfWorkingDays(2), ObjectionPeriod: StageDuration.OfWorkingDays(5)), default);

        // 04-30, 05-06, 05-07, 05-08, 05-09 (Saturday worked) → 05-09 24:00; grace 05-11, 05-12 → 05-12 24:00.
        Assert.Equal(new DateTime(2026, 5, 9, 16, 0, 0, DateTimeKind.Utc), input.SelfEvaluationDeadlineUtc);
        Assert.Equal(TimeSpan.FromDays(3), input.Grace);
        Assert.Equal(StageDuration.OfWorkingDays(2), input.GraceDuration);
        Assert.Equal(input.SelfEvaluationDeadlineUtc, input.Rating!.UntilUtc);
        Assert.Equal(StageDuration.OfWorkingDays(5), input.ObjectionPeriod);
    }

    [Fact]
    public async Task CalendarTime_EndingIn国庆_MovesTo2400OfTheNextWorkingDay_AGraceEndingOnAWorkedSaturdayStays()
    {
        // Ten days from 09-24 12:00 end on 10-04 12:00, in 国庆 → 10-08 24:00; two days' grace end 10-10 24:00, a Saturday worked.
        var input = await Starter(Beijing(9, 24, 12), WorkingCalendar.Shipped).PrepareQuarterAsync(new CycleStart(_office, "2026-Q1", _scheme.Id), default);

        Assert.Equal(new DateTime(2026, 10, 8, 16, 0, 0, DateTimeKind.Utc), input.SelfEvaluationDeadlineUtc);
        Assert.Equal(TimeSpan.FromDays(2), input.Grace);
    }

    [Fact]
    public async Task AYearTheCalendarLacks_RefusesTheStartAtItsField_NothingRecorded()
    {
        var before = await StorageSnapshot.TakeAsync(_account);

        var refused = await Assert.ThrowsAsync<RequestRefusedException>(() => Starter(Beijing(12, 24, 10), WorkingCalendar.Shipped).PrepareQuarterAsync(
            new CycleStart(_office, "2026-Q1", _scheme.Id, SelfEvaluationTime: StageDuration.OfWorkingDays(8)), default));

        Assert.Equal((409, "selfEvaluationTime"), (refused.Status, refused.Field));
        Assert.Equal(new CalendarYearMissingException(2027).MessageZh, refused.MessageZh);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_account));

        // The grace reaching into the next year is refused at the grace.
        var grace = await Assert.ThrowsAsync<RequestRefusedException>(() => Starter(Beijing(12, 21, 10), WorkingCalendar.Shipped).PrepareQuarterAsync(
            new CycleStart(_office, "2026-Q1", _scheme.Id, SelfEvaluationTime: StageDuration.OfWorkingDays(8), Grace: StageDuration.OfWorkingDays(3)), default));
        Assert.Equal((409, "grace"), (grace.Status, grace.Field));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_account));

        // Where late submissions are refused the grace is not used, so it refuses nothing.
        var refusing = await Starter(Beijing(12, 21, 10), WorkingCalendar.Shipped).PrepareQuarterAsync(
            new CycleStart(_office, "2026-Q1", _scheme.Id, SelfEvaluationTime: StageDuration.OfWorkingDays(8), Grace: StageDuration.OfWorkingDays(3), LatePolicy: LateSubmissionPolicy.Refuse), default);
        Assert.Equal(new DateTime(2026, 12, 31, 16, 0, 0, DateTimeKind.Utc), refusing.SelfEvaluationDeadlineUtc);
    }

    [Fact]
    public async Task CalendarDays_IntoAYearTheCalendarLacks_StandWhereTheyEnd()
    {
        // Ten calendar days from 2026-12-24 10:00 Beijing end 2027-01-03 10:00: 2027's notice is not in the calendar, so
        // the deadline is not moved, and the start (as the timer's on 1 January would be) is not refused.
        var input = await Starter(Beijing(12, 24, 10), WorkingCalendar.Shipped).PrepareQuarterAsync(
            new CycleStart(_office, "2026-Q4", _scheme.Id, SelfEvaluationTime: StageDuration.Of(TimeSpan.FromDays(10)), Grace: StageDuration.Of(TimeSpan.FromDays(2))), default);

        Assert.Equal(new DateTime(2027, 1, 3, 2, 0, 0, DateTimeKind.Utc), input.SelfEvaluationDeadlineUtc);
        Assert.Equal(TimeSpan.FromDays(2), input.Grace);
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class Source(WorkingCalendar calendar) : IWorkingCalendarSource
    {
        public Task<WorkingCalendar> CurrentAsync(CancellationToken cancel) => Task.FromResult(calendar);
    }
}
