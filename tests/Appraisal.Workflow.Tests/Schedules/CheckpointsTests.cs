using Appraisal.Domain.Periods;
using Appraisal.Workflow.Schedules;

namespace Appraisal.Workflow.Tests.Schedules;

public sealed class CheckpointsTests
{
    private static readonly TimeZoneInfo Beijing = Checkpoints.Zone();

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void TheFireAt16UtcOnTheLastDay_IsMidnightOnThe1stInBeijing_AndNamesThePeriodJustEnded()
    {
        var fired = Utc(2026, 3, 31, 16);

        Assert.Equal(new Checkpoint(CheckpointKind.Monthly, Period.Month(2026, 3)), Checkpoints.For(CheckpointKind.Monthly, fired, Beijing));
        Assert.Equal(new Checkpoint(CheckpointKind.Quarterly, Period.Quarter(2026, 1)), Checkpoints.For(CheckpointKind.Quarterly, fired, Beijing));
        Assert.Null(Checkpoints.For(CheckpointKind.Annual, fired, Beijing));
    }

    [Theory]
    [InlineData(2026, 3, 30)]
    [InlineData(2026, 3, 28)]
    [InlineData(2026, 4, 29)]
    public void FiresOnOtherDays_AreNotCheckpoints(int year, int month, int day)
    {
        Assert.Null(Checkpoints.For(CheckpointKind.Monthly, Utc(year, month, day, 16), Beijing));
    }

    [Fact]
    public void February_ItsLastDayIsThe28th_InACommonYear()
    {
        Assert.Equal(Period.Month(2026, 2), Checkpoints.For(CheckpointKind.Monthly, Utc(2026, 2, 28, 16), Beijing)!.Period);
        Assert.Null(Checkpoints.For(CheckpointKind.Monthly, Utc(2028, 2, 28, 16), Beijing));
        Assert.Equal(Period.Month(2028, 2), Checkpoints.For(CheckpointKind.Monthly, Utc(2028, 2, 29, 16), Beijing)!.Period);
    }

    [Fact]
    public void YearEnd_FiresForTheYearJustEnded_WithItsFourthQuarterAndDecember()
    {
        var fired = Utc(2026, 12, 31, 16);

        Assert.Equal(Period.OfYear(2026), Checkpoints.For(CheckpointKind.Annual, fired, Beijing)!.Period);
        Assert.Equal(Period.Quarter(2026, 4), Checkpoints.For(CheckpointKind.Quarterly, fired, Beijing)!.Period);
        Assert.Equal(Period.Month(2026, 12), Checkpoints.For(CheckpointKind.Monthly, fired, Beijing)!.Period);
    }

    [Fact]
    public void ALateOrRepeatedFire_NamesTheSameInstance_SoItStartsNothingNew()
    {
        var onTime = Checkpoints.For(CheckpointKind.Quarterly, Utc(2026, 6, 30, 16), Beijing)!;
        var late = Checkpoints.For(CheckpointKind.Quarterly, Utc(2026, 7, 1, 9, 30), Beijing)!;

        Assert.Equal(onTime, late);
        Assert.Equal("cycle-office-1-2026-Q2", late.InstanceId("office-1"));
        Assert.Equal("bulletin-office-1-2026-M06", Checkpoints.For(CheckpointKind.Monthly, Utc(2026, 6, 30, 16), Beijing)!.InstanceId("office-1"));
        Assert.Equal("yearend-office-1-2026", Checkpoints.For(CheckpointKind.Annual, Utc(2026, 12, 31, 16), Beijing)!.InstanceId("office-1"));
    }
}
