namespace Appraisal.Domain.Calendar;

/// <summary>China's working days (工作日): Monday to Friday, except the statutory holidays' days off, plus the weekend
/// days worked instead (调休上班) — by the State Council's notice of each year the calendar holds. A date in a year it
/// does not hold is refused (<see cref="CalendarYearMissingException"/>), never guessed: a deadline counted without
/// the holidays would be wrong by days.</summary>
/// <remarks>
/// Working-day durations count as offices count them: "5 个工作日" from an instant are the five working days after
/// its date (the day it happens does not count), and end at 24:00 of the last one in the office's time zone. A
/// deadline that falls on a day off moves to the end of the next working day.
/// </remarks>
public sealed class WorkingCalendar
{
    private readonly Dictionary<int, HolidayYear> _years;
    private readonly HashSet<DateOnly> _off = [];
    private readonly HashSet<DateOnly> _worked = [];

    public WorkingCalendar(IEnumerable<HolidayYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        _years = [];
        foreach (var year in years)
        {
            if (!_years.TryAdd(year.Year, year))
            {
                throw new ArgumentException($"expected each year once, found {year.Year} twice", nameof(years));
            }

            foreach (var holiday in year.Holidays)
            {
                for (var day = holiday.From; day <= holiday.To; day = day.AddDays(1))
                {
                    if (!_off.Add(day))
                    {
                        throw new ArgumentException($"expected each date once, found {day:yyyy-MM-dd} off twice", nameof(years));
                    }
                }

                foreach (var day in holiday.WorkedDays)
                {
                    if (!_worked.Add(day) || _off.Contains(day))
                    {
                        throw new ArgumentException($"expected each date once, found {day:yyyy-MM-dd} twice", nameof(years));
                    }
                }
            }
        }
    }

    /// <summary>The calendar shipped with the software: 2026.</summary>
    public static WorkingCalendar Shipped { get; } = new(HolidayYearDocument.Shipped());

    /// <summary>The years this calendar holds, in order.</summary>
    public IReadOnlyList<int> Years => [.. _years.Keys.Order()];

    public HolidayYear? Year(int year) => _years.GetValueOrDefault(year);

    /// <summary>This calendar with <paramref name="added"/> beside its years (an administrator's addition; a year it
    /// holds already is replaced, as a corrected notice replaces the first).</summary>
    public WorkingCalendar With(IEnumerable<HolidayYear> added)
    {
        ArgumentNullException.ThrowIfNull(added);
        var byYear = _years.Values.ToDictionary(y => y.Year);
        foreach (var year in added)
        {
            byYear[year.Year] = year;
        }

        return new WorkingCalendar(byYear.Values);
    }

    public bool IsWorkingDay(DateOnly day)
    {
        if (!_years.ContainsKey(day.Year) && !_off.Contains(day))
        {
            throw new CalendarYearMissingException(day.Year);
        }

        return _worked.Contains(day) || (!_off.Contains(day) && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
    }

    /// <summary>The <paramref name="count"/>th working day after <paramref name="day"/> (which does not count).</summary>
    public DateOnly AddWorkingDays(DateOnly day, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        while (count > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                count--;
            }
        }

        return day;
    }

    /// <summary>When <paramref name="count"/> working days from <paramref name="start"/> end: 24:00, in
    /// <paramref name="zone"/>, of the <paramref name="count"/>th working day after the start's date. A start at 00:00 is
    /// 24:00 of the day before (a grace counted from a deadline that ends a working day begins on the next one).</summary>
    public DateTimeOffset EndOfWorkingDays(DateTimeOffset start, int count, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(start, zone);
        return EndOf(AddWorkingDays(DayOf(local), count), zone);
    }

    /// <summary>A deadline as it stands, or — when it falls on a day off in <paramref name="zone"/> — the end (24:00)
    /// of the next working day. A deadline at 00:00 is the end of the day before it.</summary>
    public DateTimeOffset OnWorkingDay(DateTimeOffset deadline, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var day = DayOf(TimeZoneInfo.ConvertTime(deadline, zone));
        return IsWorkingDay(day) ? deadline : EndOf(AddWorkingDays(day, 1), zone);
    }

    /// <summary>The day a local moment belongs to: 00:00 is the end (24:00) of the day before.</summary>
    private static DateOnly DayOf(DateTimeOffset local) =>
        DateOnly.FromDateTime(local.TimeOfDay == TimeSpan.Zero ? local.DateTime.AddDays(-1) : local.DateTime);

    private static DateTimeOffset EndOf(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }
}

/// <summary>A working-day count reached a year whose holiday arrangement the calendar does not hold.</summary>
public sealed class CalendarYearMissingException(int year)
    : InvalidOperationException($"expected the holiday arrangement of {year} in the working-day calendar, found none: add the State Council's notice for {year}")
{
    public int Year { get; } = year;

    public string MessageZh => $"工作日日历中没有 {Year} 年的节假日安排：请先添加国务院办公厅 {Year} 年节假日安排";
}
