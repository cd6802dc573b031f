using Appraisal.Domain.Periods;
using Appraisal.Functions.Workflow;
using Appraisal.Workflow.Schedules;
using Microsoft.Azure.Functions.Worker;

namespace Appraisal.Functions.Tests.Workflow;

public sealed class TimerFiresTests
{
    private static readonly ScheduleOptions Defaults = new();
    private static readonly TimeZoneInfo Beijing = Checkpoints.Zone();

    private static DateTime Utc(int month, int day, int hour, int minute = 0, int second = 0, int millisecond = 0) =>
        new(2026, month, day, hour, minute, second, millisecond, DateTimeKind.Utc);

    private static TimerInfo Timer(DateTime next, bool pastDue = false) =>
        new() { ScheduleStatus = new ScheduleStatus { Next = next, Last = next.AddDays(-1) }, IsPastDue = pastDue };

    private static IReadOnlyList<DateTime> Monthly(TimerInfo timer, DateTime now, TimeZoneInfo? hostZone = null) =>
        TimerFires.Of(CheckpointKind.Monthly, timer, Defaults, now, hostZone ?? TimeZoneInfo.Utc);

    [Fact]
    public void AFireAMomentEarly_StandsForTheScheduledMidnight_NotTheLastDayItReadsOnTheClock()
    {
        var now = Utc(3, 31, 15, 59, 59, 900);
        Assert.Null(Checkpoints.For(CheckpointKind.Monthly, now, Beijing));

        var fired = Assert.Single(Monthly(Timer(Utc(3, 31, 16)), now));

        Assert.Equal(Period.Month(2026, 3), Checkpoints.For(CheckpointKind.Monthly, fired, Beijing)!.Period);
    }

    [Fact]
    public void ALateFire_StandsForTheScheduledOccurrence()
    {
        Assert.Equal([Utc(3, 31, 16)], Monthly(Timer(Utc(3, 31, 16)), Utc(3, 31, 16, 7)));
    }

    [Fact]
    public void AnOccurrenceWithoutAZone_IsInTheHostsLocalTime()
    {
        var midnightInBeijing = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Unspecified);

        Assert.Equal([Utc(3, 31, 16)], Monthly(Timer(midnightInBeijing), Utc(3, 31, 16, 0, 1), Beijing));
        Assert.Equal([Utc(3, 31, 16)], Monthly(Timer(new DateTime(2026, 3, 31, 16, 0, 0, DateTimeKind.Unspecified)), Utc(3, 31, 16, 0, 1)));
    }

    [Fact]
    public void APastDueFire_ForTheFirstMissedDay_AlsoCoversTheMissedEveOfThe1st()
    {
        var fires = Monthly(Timer(Utc(3, 28, 16), pastDue: true), Utc(4, 2, 9));

        Assert.Equal([Utc(3, 31, 16)], fires);
    }

    [Fact]
    public void APastDueFire_AfterMonthsDown_CoversEachMissedCheckpointOnce()
    {
        var fires = Monthly(Timer(Utc(3, 28, 16), pastDue: true), Utc(5, 3, 9));

        Assert.Equal([Utc(3, 31, 16), Utc(4, 30, 16)], fires);
    }

    [Fact]
    public void APastDueFire_AfterDownOverAMonthsAndAQuartersEnd_FiresWhatTheSelfHostCatchesUpFromItsLastFire()
    {
        var now = Utc(4, 3, 9);

        var monthly = Monthly(Timer(Utc(2, 28, 16), pastDue: true), now);
        var quarterly = TimerFires.Of(CheckpointKind.Quarterly, Timer(Utc(3, 28, 16), pastDue: true), Defaults, now, TimeZoneInfo.Utc);

        Assert.Equal([Utc(2, 28, 16), Utc(3, 31, 16)], monthly);
        Assert.Equal([Utc(3, 31, 16)], quarterly);
        Assert.Equal(CheckpointFires.After(CheckpointKind.Monthly, Defaults.Monthly, Utc(1, 31, 16), now, Beijing), monthly);
        Assert.Equal(CheckpointFires.After(CheckpointKind.Quarterly, Defaults.Quarterly, new DateTime(2025, 12, 31, 16, 0, 0, DateTimeKind.Utc), now, Beijing), quarterly);
    }

    [Fact]
    public void APastDueFire_WithNoMissedCheckpoint_StandsForNothing()
    {
        Assert.Empty(Monthly(Timer(Utc(3, 28, 16), pastDue: true), Utc(3, 30, 10)));
    }

    [Fact]
    public void WithoutAScheduleStatus_TheFireStandsForNow()
    {
        var now = Utc(3, 31, 16, 3);

        Assert.Equal([now], Monthly(new TimerInfo(), now));
    }

    [Fact]
    public void AnUnscheduledRun_WhoseNextOccurrenceIsAhead_StandsForNow()
    {
        var now = Utc(4, 1, 2);

        Assert.Equal([now], Monthly(Timer(Utc(4, 28, 16)), now));
    }
}
