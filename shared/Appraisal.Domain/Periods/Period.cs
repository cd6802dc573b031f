using System.Globalization;
using System.Text.RegularExpressions;

namespace Appraisal.Domain.Periods;

/// <summary>An appraisal period: a month (<c>2026-M03</c>), a quarter (<c>2026-Q1</c>) or a year (<c>2026</c>).</summary>
public readonly partial record struct Period(PeriodKind Kind, int Year, int Number)
{
    /// <summary>The first day of the period.</summary>
    public DateOnly Start => Kind switch
    {
        PeriodKind.Month => new DateOnly(Year, Number, 1),
        PeriodKind.Quarter => new DateOnly(Year, ((Number - 1) * 3) + 1, 1),
        _ => new DateOnly(Year, 1, 1),
    };

    /// <summary>The last day of the period (inclusive).</summary>
    public DateOnly End => Kind switch
    {
        PeriodKind.Month => Start.AddMonths(1).AddDays(-1),
        PeriodKind.Quarter => Start.AddMonths(3).AddDays(-1),
        _ => new DateOnly(Year, 12, 31),
    };

    public static Period Month(int year, int month) => new(PeriodKind.Month, year, month);

    public static Period Quarter(int year, int quarter) => new(PeriodKind.Quarter, year, quarter);

    public static Period OfYear(int year) => new(PeriodKind.Year, year, 0);

    /// <summary>The quarters of a year period.</summary>
    public IEnumerable<Period> Quarters()
    {
        var year = Year;
        return Enumerable.Range(1, 4).Select(q => Quarter(year, q));
    }

    /// <summary>Parses <c>2026-Q1</c>, <c>2026-M03</c> or <c>2026</c>; returns false with a reason otherwise.</summary>
    public static bool TryParse(string? text, out Period period, out string error)
    {
        period = default;
        var match = Pattern().Match(text ?? string.Empty);
        if (!match.Success)
        {
            error = $"expected a period like 2026-Q1, 2026-M03 or 2026, found '{text}'";
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year < 1)
        {
            error = $"expected a year from 0001 to 9999, found '{text}'";
            return false;
        }

        if (match.Groups["q"].Success)
        {
            period = Quarter(year, int.Parse(match.Groups["q"].Value, CultureInfo.InvariantCulture));
        }
        else if (match.Groups["m"].Success)
        {
            var month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12)
            {
                error = $"expected a month from 01 to 12, found '{text}'";
                return false;
            }

            period = Month(year, month);
        }
        else
        {
            period = OfYear(year);
        }

        error = string.Empty;
        return true;
    }

    public static Period Parse(string text) =>
        TryParse(text, out var period, out var error) ? period : throw new FormatException(error);

    public bool Contains(DateOnly day) => day >= Start && day <= End;

    public override string ToString() => Kind switch
    {
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-M{Number:D2}"),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}"),
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^(?<year>\d{4})(-Q(?<q>[1-4])|-M(?<m>\d{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
