using Appraisal.Domain.Periods;
using Appraisal.Workflow.Schedules;

namespace Appraisal.Workflow.Tests.Schedules;

public sealed class CheckpointFiresTests
{
    private static readonly TimeZoneInfo Beijing = Checkpoints.Zone();

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static IReadOnlyList<Period> Periods(CheckpointKind kind, IEnumerable<DateTime> fires) =>
        fires.Select(f => Checkpoints.For(kind, f, Beijing)!.Period).ToList();

    [Fact]
    public void AHostDownFrom28FebruaryTo3April_FiresFebruaryAndMarch_AndTheFirstQuarter()
    {
        var now = Utc(2026, 4, 3, 9);

        var monthly = CheckpointFires.After(CheckpointKind.Monthly, Checkpoints.MonthlyCron, Utc(2026, 1, 31, 16), now, Beijing);
        var quarterly = CheckpointFires.After(CheckpointKind.Quarterly, Checkpoints.QuarterlyCron, Utc(2025, 12, 31, 16), now, Beijing);
        var annual = CheckpointFires.After(CheckpointKind.Annual, Checkpoints.AnnualCron, Utc(2025, 12, 31, 16), now, Beijing);

        Assert.Equal([Utc(2026, 2, 28, 16), Utc(2026, 3, 31, 16)], monthly);
        Assert.Equal([Period.Month(2026, 2), Period.Month(2026, 3)], Periods(CheckpointKind.Monthly, monthly));
        Assert.Equal([Utc(2026, 3, 31, 16)], quarterly);
        Assert.Equal([Period.Quarter(2026, 1)], Periods(CheckpointKind.Quarterly, quarterly));
        Assert.Empty(annual);
    }

    [Fact]
    public void TheFirstMissedOccurrence_AndTheLastFiredOne_GiveTheSameFires()
    {
        var now = Utc(2026, 4, 3, 9);

        // The Functions app knows the first occurrence it missed; the self-host the last one it fired.
        Assert.Equal(
            CheckpointFires.After(CheckpointKind.Monthly, Checkpoints.MonthlyCron, Utc(2026, 1, 31, 16), now, Beijing),
            CheckpointFires.From(CheckpointKind.Monthly, Checkpoints.MonthlyCron, Utc(2026, 2, 28, 16), now, Beijing));
        Assert.Equal(
            CheckpointFires.After(CheckpointKind.Quarterly, Checkpoints.QuarterlyCron, Utc(2025, 12, 31, 16), now, Beijing),
            CheckpointFires.From(CheckpointKind.Quarterly, Checkpoints.QuarterlyCron, Utc(2026, 3, 28, 16), now, Beijing));
    }

    [Fact]
    public void TheLastFiredCheckpoint_IsNotFiredAgain_NorIsALaterDayThatIsNoCheckpoint()
    {
        Assert.Empty(CheckpointFires.After(CheckpointKind.Monthly, Checkpoints.MonthlyCron, Utc(2026, 3, 31, 16), Utc(2026, 4, 29, 17), Beijing));
        Assert.Equal([Utc(2026, 4, 30, 16)], CheckpointFires.After(CheckpointKind.Monthly, Checkpoints.MonthlyCron, Utc(2026, 3, 31, 16), Utc(2026, 4, 30, 16), Beijing));
    }

    [Fact]
    public void ASchedulePassingTheCheckpointTwice_FiresItOnce_AtItsFirstOccurrence()
    {
        // 00:00 and 01:00 on the 1st in Beijing: both name March.
        const string twice = "0 0 16,17 28-31 * *";

        Assert.Equal([Utc(2026, 3, 31, 16)], CheckpointFires.From(CheckpointKind.Monthly, twice, Utc(2026, 3, 28, 16), Utc(2026, 4, 2, 0), Beijing));
        Assert.Empty(CheckpointFires.After(CheckpointKind.Monthly, twice, Utc(2026, 3, 31, 16), Utc(2026, 4, 2, 0), Beijing));
    }

    [Fact]
    public void AYearDown_FiresTwelveMonths_FourQuarters_AndTheYear_OldestFirst()
    {
        var now = Utc(2027, 1, 2, 0);

        var monthly = CheckpointFires.After(CheckpointKind.Monthly, Checkpoints.MonthlyCron, Utc(2025, 12, 31, 16), now, Beijing);

        Assert.Equal(Enumerable.Range(1, 12).Select(m => Period.Month(2026, m)), Periods(CheckpointKind.Monthly, monthly));
        Assert.Equal(Enumerable.Range(1, 4).Select(q => Period.Quarter(2026, q)),
            Periods(CheckpointKind.Quarterly, CheckpointFires.After(CheckpointKind.Quarterly, Checkpoints.QuarterlyCron, Utc(2025, 12, 31, 16), now, Beijing)));
        Assert.Equal([Period.OfYear(2026)],
            Periods(CheckpointKind.Annual, CheckpointFires.After(CheckpointKind.Annual, Checkpoints.AnnualCron, Utc(2025, 12, 31, 16), now, Beijing)));
    }

    [Fact]
    public void AFirstMissedOccurrenceStillAhead_FiresNothing()
    {
        Assert.Empty(CheckpointFires.From(CheckpointKind.Monthly, Checkpoints.MonthlyCron, Utc(2026, 4, 30, 16), Utc(2026, 4, 30, 15), Beijing));
    }
}
