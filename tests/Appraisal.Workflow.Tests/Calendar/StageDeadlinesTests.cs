using System.Text.Json;
using Appraisal.Domain.Calendar;
using Appraisal.Workflow.Calendar;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Schedules;
using Microsoft.Extensions.Configuration;

namespace Appraisal.Workflow.Tests.Calendar;

/// <summary>Stage deadlines as offices count them, against the shipped 2026 calendar in Beijing time, hand-counted:
/// working days from the next working day after the start to 24:00 of the last; calendar time of a day or more moved off
/// a day off to 24:00 of the next working day; shorter spans as they are; a missing year never guessed.</summary>
public sealed class StageDeadlinesTests
{
    private static readonly TimeZoneInfo Beijing = Checkpoints.Zone();

    /// <summary>A moment in Beijing time, as UTC.</summary>
    private static DateTime At(int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8)).UtcDateTime;

    /// <summary>24:00 Beijing time of a 2026 day, as UTC (16:00 UTC that day).</summary>
    private static DateTime EndOf(int month, int day) => new(2026, month, day, 16, 0, 0, DateTimeKind.Utc);

    private static DateTime End(DateTime fromUtc, StageDuration duration) => StageDeadlines.End(WorkingCalendar.Shipped, Beijing, fromUtc, duration);

    [Fact]
    public void TheIssuesExample_PublishedWednesdayBeforeMayDay_FiveWorkingDaysEndOnTheWorkedSaturday()
    {
        // 04-30 (1), 05-01..05 off, 05-06 (2), 05-07 (3), 05-08 (4), 05-09 Saturday worked (5) → 2026-05-09 24:00 Beijing.
        var end = End(At(4, 29, 10), StageDuration.OfWorkingDays(5));

        Assert.Equal(EndOf(5, 9), end);
        Assert.Equal(DateTimeKind.Utc, end.Kind);
    }

    [Theory]
    // 春节: 02-14 Saturday worked (1), 02-15..23 off, 02-24 (2), 02-25 (3).
    [InlineData(2, 13, 3, 2, 25)]
    // After 春节: 02-28 Saturday worked (1), 03-01 Sunday off, 03-02 (2).
    [InlineData(2, 27, 2, 3, 2)]
    // 中秋 and 国庆: 09-25..27 off, 09-28 (1), 09-29 (2).
    [InlineData(9, 24, 2, 9, 29)]
    // 09-20 Sunday worked before 国庆: counted from a Saturday, it is the first.
    [InlineData(9, 19, 1, 9, 20)]
    // 10-01..07 off: the first working day is 10-08; 10-10 Saturday worked is the third.
    [InlineData(9, 30, 3, 10, 10)]
    // 清明: 04-04..06 off, from Friday 04-03: 04-07 (1).
    [InlineData(4, 3, 1, 4, 7)]
    public void WorkingDays_SkipTheHolidays_AndCountTheWeekendDaysWorked(int month, int day, int count, int endMonth, int endDay) =>
        Assert.Equal(EndOf(endMonth, endDay), End(At(month, day, 10), StageDuration.OfWorkingDays(count)));

    [Fact]
    public void WorkingDays_CountFromTheNextWorkingDay_InBeijingTime_NotUtc()
    {
        // 2026-04-29 23:30 Beijing (15:30 UTC) is 04-29: its first working day is 04-30;
        // 2026-04-30 00:30 Beijing (04-29 16:30 UTC, still 04-29 in UTC) is 04-30: its first working day is 05-06.
        Assert.Equal(EndOf(4, 30), End(At(4, 29, 23, 30), StageDuration.OfWorkingDays(1)));
        Assert.Equal(EndOf(5, 6), End(At(4, 30, 0, 30), StageDuration.OfWorkingDays(1)));
    }

    [Fact]
    public void CalendarTime_EndingOnAHoliday_MovesTo2400OfTheNextWorkingDay()
    {
        // Five days from 09-28 12:00 end on 10-03 12:00, in 国庆: moved to 10-08 24:00.
        Assert.Equal(EndOf(10, 8), End(At(9, 28, 12), TimeSpan.FromDays(5)));
        // Ten days from 02-10 end on 02-20, in 春节: moved to 02-24 24:00.
        Assert.Equal(EndOf(2, 24), End(At(2, 10, 9), TimeSpan.FromDays(10)));
        // On an ordinary Sunday: 2026-03-08 moves to Monday 03-09 24:00.
        Assert.Equal(EndOf(3, 9), End(At(3, 3, 9), TimeSpan.FromDays(5)));
    }

    [Fact]
    public void CalendarTime_EndingOnAWorkedSaturday_OrAWorkingDay_Stays()
    {
        // 10-05 12:00 + 5 days = 10-10 12:00, a Saturday worked after 国庆.
        Assert.Equal(At(10, 10, 12), End(At(10, 5, 12), TimeSpan.FromDays(5)));
        Assert.Equal(At(5, 9, 8), End(At(5, 4, 8), TimeSpan.FromDays(5)));
        Assert.Equal(At(3, 12, 9), End(At(3, 2, 9), TimeSpan.FromDays(10)));
    }

    [Fact]
    public void SpansShorterThanADay_EndWhereTheyEnd_EvenOnAHoliday()
    {
        Assert.Equal(At(10, 3, 12).AddSeconds(30), End(At(10, 3, 12), TimeSpan.FromSeconds(30)));
        Assert.Equal(At(10, 3, 20), End(At(10, 3, 8), TimeSpan.FromHours(12)));
    }

    [Fact]
    public void AGivenDeadline_MovesOnce_WhenADayOrMoreAway()
    {
        var now = At(9, 28, 12);
        var moved = StageDeadlines.Moved(WorkingCalendar.Shipped, Beijing, now, At(10, 3, 12));

        Assert.Equal(EndOf(10, 8), moved);
        Assert.Equal(moved, StageDeadlines.Moved(WorkingCalendar.Shipped, Beijing, now, moved));
        Assert.Equal(At(10, 3, 12), StageDeadlines.Moved(WorkingCalendar.Shipped, Beijing, At(10, 3, 0), At(10, 3, 12)));
    }

    [Fact]
    public void AYearTheCalendarLacks_IsRefusedAtTheField_NeverGuessed()
    {
        var missing = Assert.Throws<CalendarYearMissingException>(() => End(At(12, 28, 10), StageDuration.OfWorkingDays(5)));
        Assert.Equal(2027, missing.Year);

        var refusal = StageDeadlines.Refusal("objectionPeriod", missing);
        Assert.Equal((409, "objectionPeriod"), (refusal.Status, refusal.Field));
        Assert.Contains("2027", refusal.MessageZh, StringComparison.Ordinal);
        Assert.Equal(missing.MessageZh, refusal.MessageZh);
    }

    [Fact]
    public void ADeadlineAtMidnight_IsShownAs2400OfItsWorkingDay_OtherTimesAsTheyAre()
    {
        Assert.Equal("2026-05-09 24:00", StageDeadlines.Display(TimeZoneInfo.ConvertTimeFromUtc(EndOf(5, 9), Beijing)));
        Assert.Equal("2026-05-09 08:30", StageDeadlines.Display(new DateTime(2026, 5, 9, 8, 30, 0)));
        Assert.Equal("2026-05-10 00:00", StageDeadlines.Display(new DateTime(2026, 5, 10, 0, 0, 0).AddTicks(1)));
    }

    [Theory]
    [InlineData("5wd", 0, 5)]
    [InlineData("5 WD", 0, 5)]
    [InlineData("5 个工作日", 0, 5)]
    [InlineData("5工作日", 0, 5)]
    [InlineData("5d", 5 * 86400, 0)]
    [InlineData("0.5d", 43200, 0)]
    [InlineData("5 天", 5 * 86400, 0)]
    [InlineData("5.00:00:00", 5 * 86400, 0)]
    [InlineData("00:00:30", 30, 0)]
    public void TheTextForms_Read(string text, int seconds, int workingDays)
    {
        Assert.True(StageDuration.TryParse(text, out var value), text);
        Assert.Equal((TimeSpan.FromSeconds(seconds), workingDays), (value.Time, value.WorkingDays));
        Assert.Equal(value, StageDuration.Parse(value.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("5x")]
    [InlineData("0wd")]
    [InlineData("-1wd")]
    [InlineData("1.5wd")]
    [InlineData("wd")]
    [InlineData("five days")]
    public void BadText_IsNotADuration(string text) => Assert.False(StageDuration.TryParse(text, out _), text);

    [Fact]
    public void Json_TakesWorkingDays_BesideTheTimeSpansItTookBefore_AndSaysWhatItExpected()
    {
        var start = JsonSerializer.Deserialize<CycleStart>("""{"officeId":"o","period":"2026-Q2","objectionPeriod":"5wd","correctionTime":"3.00:00:00","grace":"2d"}""", JsonSerializerOptions.Web)!;

        Assert.Equal(StageDuration.OfWorkingDays(5), start.ObjectionPeriod);
        Assert.Equal(StageDuration.Of(TimeSpan.FromDays(3)), start.CorrectionTime);
        Assert.Equal(StageDuration.Of(TimeSpan.FromDays(2)), start.Grace);
        Assert.Contains("\"objectionPeriod\":\"5wd\"", JsonSerializer.Serialize(start, JsonSerializerOptions.Web), StringComparison.Ordinal);
        Assert.Contains("\"correctionTime\":\"3.00:00:00\"", JsonSerializer.Serialize(start, JsonSerializerOptions.Web), StringComparison.Ordinal);

        var bad = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CycleStart>("""{"officeId":"o","period":"2026-Q2","objectionPeriod":"5 weeks"}""", JsonSerializerOptions.Web));
        Assert.Contains("5wd", bad.Message, StringComparison.Ordinal);
        Assert.Contains("'5 weeks'", bad.Message, StringComparison.Ordinal);
        Assert.Equal("$.objectionPeriod", bad.Path);
    }

    [Fact]
    public void Configuration_BindsWorkingDays_AndNamesTheKeyOfABadValue()
    {
        var options = new CycleOptions();
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cycle:ObjectionPeriod"] = "5wd", ["Cycle:CorrectionTime"] = "3.00:00:00", ["Cycle:RatingTime"] = "8wd" })
            .Build().GetSection(CycleOptions.Section).Bind(options);

        Assert.Equal((StageDuration.OfWorkingDays(5), StageDuration.Of(TimeSpan.FromDays(3)), StageDuration.OfWorkingDays(8)), (options.ObjectionPeriod, options.CorrectionTime, options.RatingTime!.Value));
        Assert.Empty(CycleStarter.Problems(options));

        var unreadable = Assert.Throws<InvalidOperationException>(() => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cycle:ObjectionPeriod"] = "5x" })
            .Build().GetSection(CycleOptions.Section).Bind(new CycleOptions()));
        Assert.Contains("Cycle:ObjectionPeriod", unreadable.Message, StringComparison.Ordinal);
        Assert.Contains("found '5x'", unreadable.InnerException?.Message ?? unreadable.Message, StringComparison.Ordinal);

        var tooLong = new CycleOptions { ObjectionPeriod = StageDuration.OfWorkingDays(21), SelfEvaluationTime = StageDuration.OfWorkingDays(40) };
        var problem = Assert.Single(CycleStarter.Problems(tooLong));
        Assert.StartsWith("Cycle:ObjectionPeriod: expected a duration more than 0 and at most 30 days, or 1 to 20 working days", problem, StringComparison.Ordinal);
        Assert.EndsWith("found 21 working days", problem, StringComparison.Ordinal);
        Assert.False(new CycleOptionsValidation().Validate(null, tooLong).Succeeded);
    }

    [Fact]
    public void WorkingDays_AreBoundedAtTheirFields_InBothLanguages()
    {
        var options = new CycleOptions { SelfEvaluationTime = StageDuration.OfWorkingDays(41), Grace = StageDuration.OfWorkingDays(20), RatingTime = StageDuration.OfWorkingDays(40) };

        Assert.Equal("Cycle:SelfEvaluationTime: expected a duration more than 0 and at most 60 days, or 1 to 40 working days (e.g. 5wd), found 41 working days",
            Assert.Single(CycleStarter.Problems(options)));
        Assert.Equal("应为大于 0 且不超过 60 天，或 1 至 40 个工作日（如 5wd）的时长，实际为 41 个工作日",
            $"应为{DurationLimit.SelfEvaluationTime.DescribeStage(Domain.Text.Language.Zh)}的时长，实际为 {StageDuration.OfWorkingDays(41).Describe(Domain.Text.Language.Zh)}");
    }
}
