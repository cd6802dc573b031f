using Appraisal.Domain.Calendar;
using Appraisal.Domain.Inputs;

namespace Appraisal.Domain.Tests.Calendar;

/// <summary>A year's holiday arrangement as an administrator gives it: the shipped 2026 reads back as itself; each
/// broken rule is an error at its JSON path, and nothing is read.</summary>
public sealed class HolidayYearDocumentTests
{
    [Fact]
    public void TheShipped2026_ReadsBackAsItself()
    {
        var year = WorkingCalendar.Shipped.Year(2026)!;
        var errors = new InputErrors();

        var again = HolidayYearDocument.Read(HolidayYearDocument.Write(year), "2026.json", errors);

        Assert.Empty(errors.Items);
        Assert.Equal(HolidayYear.Statutory, again!.Holidays.Select(h => h.Name));
        Assert.Equal(year.Holidays.SelectMany(h => h.WorkedDays), again.Holidays.SelectMany(h => h.WorkedDays));
        Assert.Equal(new DateOnly(2026, 2, 15), again.Holidays[1].From);
    }

    public static TheoryData<string, string, string, string> Broken() => new()
    {
        // What is changed in the 2026 document, the path named, and words of the Chinese message.
        { "\"name\": \"端午节\"", "\"name\": \"端阳\"", "$.holidays[4].name", "应为法定节日之一" },
        { "\"name\": \"中秋节\"", "\"name\": \"端午节\"", "$.holidays[5].name", "端午节 只应出现一次" },
        { "\"to\": \"2026-02-23\"", "\"to\": \"2026-03-03\"", "$.holidays[1]", "不超过 10 天" },
        { "\"from\": \"2026-06-19\"", "\"from\": \"2026-06-31\"", "$.holidays[4].from", "应为 2026-05-01 格式的日期" },
        { "\"2026-05-09\"", "\"2026-05-08\"", "$.holidays[3].workedDays[0]", "应为 2026 年的周六或周日" },
        { "\"2026-10-10\"", "\"2026-10-03\"", "$.holidays[6].workedDays[1]", "每个日期只应出现一次" },
        { "\"to\": \"2026-09-27\"", "\"to\": \"2026-10-02\"", "$.holidays[6] (国庆节)", "每个日期只应出现一次" },
        { "\"to\": \"2026-10-07\"", "\"to\": \"2027-10-07\"", "$.holidays[6]", "应在 2026 年内" },
        { "\"year\": 2026", "\"year\": 1999", "$.year", "2000 至 2100" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void EachBrokenRule_IsAnErrorAtItsPath_AndNothingIsRead(string find, string replace, string path, string zh)
    {
        var json = HolidayYearDocument.Write(WorkingCalendar.Shipped.Year(2026)!).Replace(find, replace, StringComparison.Ordinal);
        Assert.Contains(replace, json, StringComparison.Ordinal);
        var errors = new InputErrors();

        var year = HolidayYearDocument.Read(json, "2026.json", errors);

        Assert.Null(year);
        Assert.Contains(errors.Items, e => e.Field == path && e.MessageZh.Contains(zh, StringComparison.Ordinal));
    }

    [Fact]
    public void AYearWithoutAHoliday_IsIncomplete()
    {
        var year = WorkingCalendar.Shipped.Year(2026)!;
        var errors = new InputErrors();

        Assert.Null(HolidayYearDocument.Read(HolidayYearDocument.Write(year with { Holidays = [.. year.Holidays.Where(h => h.Name != "清明节")] }), "2026.json", errors));

        var error = Assert.Single(errors.Items);
        Assert.Equal("$.holidays", error.Field);
        Assert.Contains("缺少清明节", error.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyYuanDansDaysOff_MayBeginInTheDecemberBefore()
    {
        var year = WorkingCalendar.Shipped.Year(2026)!;
        var json = HolidayYearDocument.Write(year);
        var errors = new InputErrors();

        var crossing = HolidayYearDocument.Read(json.Replace("\"from\": \"2026-01-01\"", "\"from\": \"2025-12-31\"", StringComparison.Ordinal), "2026.json", errors);
        var spring = HolidayYearDocument.Read(json.Replace("\"from\": \"2026-02-15\"", "\"from\": \"2025-12-31\"", StringComparison.Ordinal), "2026.json", errors);

        Assert.Equal(new DateOnly(2025, 12, 31), crossing!.Holidays[0].From);
        Assert.Null(spring);
        var error = Assert.Single(errors.Items);
        Assert.Equal("$.holidays[1]", error.Field);
    }
}
