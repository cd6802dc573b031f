using System.Globalization;
using Appraisal.Domain.Periods;

namespace Appraisal.Domain.Tests.Periods;

public sealed class PeriodTests
{
    [Theory]
    [InlineData("2026-Q1", PeriodKind.Quarter, 1, "2026-01-01", "2026-03-31")]
    [InlineData("2026-Q2", PeriodKind.Quarter, 2, "2026-04-01", "2026-06-30")]
    [InlineData("2026-Q3", PeriodKind.Quarter, 3, "2026-07-01", "2026-09-30")]
    [InlineData("2026-Q4", PeriodKind.Quarter, 4, "2026-10-01", "2026-12-31")]
    [InlineData("2026-M03", PeriodKind.Month, 3, "2026-03-01", "2026-03-31")]
    [InlineData("2026-M02", PeriodKind.Month, 2, "2026-02-01", "2026-02-28")]
    [InlineData("2028-M02", PeriodKind.Month, 2, "2028-02-01", "2028-02-29")]
    [InlineData("2026-M12", PeriodKind.Month, 12, "2026-12-01", "2026-12-31")]
    [InlineData("2026", PeriodKind.Year, 0, "2026-01-01", "2026-12-31")]
    public void Parse_GivesKind_AndFirstAndLastDay(string text, PeriodKind kind, int number, string start, string end)
    {
        var period = Period.Parse(text);

        Assert.Equal(kind, period.Kind);
        Assert.Equal(int.Parse(text[..4], CultureInfo.InvariantCulture), period.Year);
        Assert.Equal(number, period.Number);
        Assert.Equal(DateOnly.Parse(start, CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(end, CultureInfo.InvariantCulture), period.End);
    }

    [Theory]
    [InlineData("2026-Q1")]
    [InlineData("2026-M03")]
    [InlineData("2026-M11")]
    [InlineData("2026")]
    public void ToString_GivesBackTheParsedText(string text)
    {
        Assert.Equal(text, Period.Parse(text).ToString());
    }

    [Theory]
    [InlineData("2026-Q5")]
    [InlineData("2026-Q0")]
    [InlineData("2026-M13")]
    [InlineData("2026-M00")]
    [InlineData("2026-M3")]
    [InlineData("2026-q1")]
    [InlineData("26-Q1")]
    [InlineData("2026Q1")]
    [InlineData("2026-Q1 ")]
    [InlineData("")]
    [InlineData("Q1-2026")]
    [InlineData("0000")]
    [InlineData("0000-Q1")]
    public void TryParse_RefusesBadInput_WithAReason(string text)
    {
        var ok = Period.TryParse(text, out _, out var error);

        Assert.False(ok);
        Assert.Contains("expected", error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => Period.Parse(text));
    }

    [Fact]
    public void TryParse_OfNull_IsRefused()
    {
        Assert.False(Period.TryParse(null, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Month13_IsRefused_NamingTheMonthRange()
    {
        Period.TryParse("2026-M13", out _, out var error);

        Assert.Contains("01 to 12", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Quarters_OfAYear_AreQ1ToQ4()
    {
        Assert.Equal(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"], Period.OfYear(2026).Quarters().Select(q => q.ToString()));
    }

    [Fact]
    public void Contains_IncludesBothEnds_AndNothingOutside()
    {
        var q1 = Period.Quarter(2026, 1);

        Assert.True(q1.Contains(new DateOnly(2026, 1, 1)));
        Assert.True(q1.Contains(new DateOnly(2026, 3, 31)));
        Assert.False(q1.Contains(new DateOnly(2025, 12, 31)));
        Assert.False(q1.Contains(new DateOnly(2026, 4, 1)));
    }

    [Fact]
    public void Factories_EqualTheParsedPeriods()
    {
        Assert.Equal(Period.Quarter(2026, 1), Period.Parse("2026-Q1"));
        Assert.Equal(Period.Month(2026, 3), Period.Parse("2026-M03"));
        Assert.Equal(Period.OfYear(2026), Period.Parse("2026"));
    }
}
