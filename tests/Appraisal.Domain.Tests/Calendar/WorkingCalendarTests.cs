using Appraisal.Domain.Calendar;

namespace Appraisal.Domain.Tests.Calendar;

/// <summary>The working-day calendar against the State Council's 2026 notice, by hand: every holiday's days off and
/// every weekend day worked instead, durations counted from the next working day to 24:00 Beijing of the last, and
/// deadlines on a day off moved to the end of the next working day.</summary>
public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar China = WorkingCalendar.Shipped;
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static TheoryData<string, bool> Days2026() => new()
    {
        // 元旦: 1–3 January off (Thursday–Saturday), Sunday 4 January worked.
        { "2025-12-31", false }, { "2026-01-01", false }, { "2026-01-02", false }, { "2026-01-03", false }, { "2026-01-04", true }, { "2026-01-05", true },
        // 春节: 15–23 February off (Sunday–Monday), Saturdays 14 and 28 February worked.
        { "2026-02-13", true }, { "2026-02-14", true }, { "2026-02-15", false }, { "2026-02-16", false }, { "2026-02-20", false }, { "2026-02-23", false },
        { "2026-02-24", true }, { "2026-02-27", true }, { "2026-02-28", true }, { "2026-03-01", false },
        // 清明节: 4–6 April (Saturday–Monday), nothing worked instead.
        { "2026-04-03", true }, { "2026-04-04", false }, { "2026-04-06", false }, { "2026-04-07", true },
        // 劳动节: 1–5 May (Friday–Tuesday), Saturday 9 May worked, Sunday 10 May not.
        { "2026-04-30", true }, { "2026-05-01", false }, { "2026-05-04", false }, { "2026-05-05", false }, { "2026-05-06", true }, { "2026-05-09", true }, { "2026-05-10", false },
        // 端午节: 19–21 June (Friday–Sunday).
        { "2026-06-18", true }, { "2026-06-19", false }, { "2026-06-22", true },
        // 中秋节: 25–27 September (Friday–Sunday).
        { "2026-09-24", true }, { "2026-09-25", false }, { "2026-09-28", true },
        // 国庆节: 1–7 October (Thursday–Wednesday), Sunday 20 September and Saturday 10 October worked.
        { "2026-09-19", false }, { "2026-09-20", true }, { "2026-09-30", true }, { "2026-10-01", false }, { "2026-10-07", false }, { "2026-10-08", true },
        { "2026-10-10", true }, { "2026-10-11", false },
        // An ordinary week.
        { "2026-11-06", true }, { "2026-11-07", false }, { "2026-11-08", false },
    };

    [Theory]
    [MemberData(nameof(Days2026))]
    public void EveryHolidayAndWorkedWeekendDayOf2026(string day, bool working)
    {
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        if (date.Year == 2025)
        {
            Assert.Equal(2025, Assert.Throws<CalendarYearMissingException>(() => China.IsWorkingDay(date)).Year);
            return;
        }

        Assert.Equal(working, China.IsWorkingDay(date));
    }

    [Fact]
    public void TheYear2026_Has248WorkingDays()
    {
        // 365 days from a Thursday: 261 weekdays. Weekdays off by the notice: 1/1 1/2; 2/16–2/20 2/23; 4/6; 5/1 5/4 5/5;
        // 6/19; 9/25; 10/1 10/2 10/5 10/6 10/7 = 2 + 6 + 1 + 3 + 1 + 1 + 5 = 19. Weekend days worked: 1/4, 2/14, 2/28,
        // 5/9, 9/20, 10/10 = 6. 261 − 19 + 6 = 248.
        var days = Enumerable.Range(0, 365).Select(i => new DateOnly(2026, 1, 1).AddDays(i));
        Assert.Equal(248, days.Count(China.IsWorkingDay));
    }

    [Fact]
    public void FiveWorkingDays_FromPublicationOnTheEveOfLabourDay_EndOnTheWorkedSaturday()
    {
        // Published Wednesday 29 April 10:00 Beijing: 30 April (1), 6 May (2), 7 May (3), 8 May (4), Saturday 9 May
        // worked (5) — ends 9 May 24:00 Beijing.
        var published = new DateTimeOffset(2026, 4, 29, 10, 0, 0, TimeSpan.FromHours(8));

        var end = China.EndOfWorkingDays(published, 5, Beijing);

        Assert.Equal(new DateTimeOffset(2026, 5, 10, 0, 0, 0, TimeSpan.FromHours(8)), end);
        Assert.Equal(new DateTimeOffset(2026, 5, 9, 16, 0, 0, TimeSpan.Zero), end.ToUniversalTime());
    }

    public static TheoryData<string, int, string> Counts() => new()
    {
        // From the Friday before 春节: 14 February worked (1), then 24, 25, 26, 27 February (5).
        { "2026-02-13T15:00:00+08:00", 5, "2026-02-28T00:00:00+08:00" },
        // A publication late at night still counts from the next working day: 30 September 23:30 Beijing (UTC 15:30,
        // still 30 September in UTC too) → 8 October (1), 9 October (2), Saturday 10 October worked (3).
        { "2026-09-30T15:30:00+00:00", 3, "2026-10-11T00:00:00+08:00" },
        // A UTC evening that is already the next day in Beijing: 2026-01-04T17:00Z is Monday 5 January 01:00 Beijing →
        // 6 January (1).
        { "2026-01-04T17:00:00+00:00", 1, "2026-01-07T00:00:00+08:00" },
        // Over 清明: Friday 3 April → 7 April (1), 8 April (2).
        { "2026-04-03T09:00:00+08:00", 2, "2026-04-09T00:00:00+08:00" },
        // Over 国庆 with the worked Sunday before it: Saturday 19 September → Sunday 20 September worked (1).
        { "2026-09-19T09:00:00+08:00", 1, "2026-09-21T00:00:00+08:00" },
        // From a deadline at 24:00 of a working day (Monday 9 March 24:00 = Tuesday 00:00): a grace of one working day
        // is Tuesday 10 March, ending at its 24:00 — the deadline's own day is over, the next one counts.
        { "2026-03-10T00:00:00+08:00", 1, "2026-03-11T00:00:00+08:00" },
        // From Thursday 30 April 24:00, the eve of 劳动节: 6 May (1), 7 May (2).
        { "2026-05-01T00:00:00+08:00", 2, "2026-05-08T00:00:00+08:00" },
    };

    [Theory]
    [MemberData(nameof(Counts))]
    public void WorkingDaysCount_FromTheNextWorkingDay_To24Beijing(string start, int days, string end) =>
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
            China.EndOfWorkingDays(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), days, Beijing));

    public static TheoryData<string, string> Deadlines() => new()
    {
        // On a working day: unchanged.
        { "2026-04-30T17:00:00+08:00", "2026-04-30T17:00:00+08:00" },
        // 24:00 of a working day (00:00 of a day off) is that working day's end: unchanged.
        { "2026-05-01T00:00:00+08:00", "2026-05-01T00:00:00+08:00" },
        // On 劳动节: to the end of 6 May.
        { "2026-05-02T12:00:00+08:00", "2026-05-07T00:00:00+08:00" },
        // On an ordinary Sunday: to the end of Monday.
        { "2026-11-08T10:00:00+08:00", "2026-11-10T00:00:00+08:00" },
        // On Saturday 28 February, worked: unchanged.
        { "2026-02-28T18:00:00+08:00", "2026-02-28T18:00:00+08:00" },
        // On 国庆's first day: past the whole holiday to the end of 8 October.
        { "2026-10-01T09:00:00+08:00", "2026-10-09T00:00:00+08:00" },
    };

    [Theory]
    [MemberData(nameof(Deadlines))]
    public void ADeadlineOnADayOff_MovesToTheEndOfTheNextWorkingDay(string deadline, string moved) =>
        Assert.Equal(DateTimeOffset.Parse(moved, System.Globalization.CultureInfo.InvariantCulture),
            China.OnWorkingDay(DateTimeOffset.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture), Beijing));

    [Fact]
    public void ACountReachingAYearNotHeld_IsRefused_NamingTheYear()
    {
        var refused = Assert.Throws<CalendarYearMissingException>(() => China.EndOfWorkingDays(new DateTimeOffset(2026, 12, 28, 9, 0, 0, TimeSpan.FromHours(8)), 5, Beijing));

        Assert.Equal(2027, refused.Year);
        Assert.Contains("2027", refused.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void AYearAdded_IsCountedWith_AndACorrectedYearReplacesTheFirst()
    {
        var notice2027 = new HolidayYear(2027, "test", [.. HolidayYear.Statutory.Select((n, i) => new Holiday(n, new DateOnly(2027, i + 1, 10), new DateOnly(2027, i + 1, 10), []))]);
        var calendar = China.With([notice2027]);

        Assert.Equal([2026, 2027], calendar.Years);
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 2, 10)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 2, 11)));
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 0, 0, 0, TimeSpan.FromHours(8)), calendar.EndOfWorkingDays(new DateTimeOffset(2026, 12, 28, 9, 0, 0, TimeSpan.FromHours(8)), 5, Beijing));

        var corrected = calendar.With([notice2027 with { Holidays = [.. notice2027.Holidays.Select(h => h.Name == "春节" ? h with { From = new DateOnly(2027, 2, 11), To = new DateOnly(2027, 2, 11) } : h)] }]);
        Assert.True(corrected.IsWorkingDay(new DateOnly(2027, 2, 10)));
        Assert.False(corrected.IsWorkingDay(new DateOnly(2027, 2, 11)));
    }
}
