namespace Appraisal.Domain.Calendar;

/// <summary>One statutory holiday of a year as the State Council's notice gives it: the days off (放假调休), from and
/// to inclusive, and the weekend days worked instead (调休上班).</summary>
public sealed record Holiday(string Name, DateOnly From, DateOnly To, IReadOnlyList<DateOnly> WorkedDays)
{
    public bool IsOff(DateOnly day) => day >= From && day <= To;
}

/// <summary>A year's holiday arrangement (节假日安排), one notice: every statutory holiday of the year, each once.</summary>
public sealed record HolidayYear(int Year, string Notice, IReadOnlyList<Holiday> Holidays)
{
    /// <summary>The statutory holidays every year's notice arranges (全国年节及纪念日放假办法), in the year's order.</summary>
    public static IReadOnlyList<string> Statutory { get; } = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"];
}
