using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Schemes.Json;

namespace Appraisal.Domain.Calendar;

/// <summary>A year's holiday arrangement as JSON — <c>{ year, notice, holidays: [{ name, from, to, workedDays }] }</c>
/// — read and checked: the year complete (each statutory holiday once), every date of that year (元旦's days off may
/// begin in the December before), no date twice, days off a holiday's span of at most ten days, worked days weekend
/// days outside any span. Every error names its JSON path.</summary>
public static class HolidayYearDocument
{
    /// <summary>The longest span of days off a notice gives (春节 and 国庆节 run to nine or eight days).</summary>
    public const int MaxSpanDays = 10;

    public static HolidayYear? Read(string json, string file, InputErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Shape? shape;
        try
        {
            shape = JsonSerializer.Deserialize<Shape>(json, DomainJson.Options);
        }
        catch (JsonException ex)
        {
            errors.AddUnreadable(file, ex, "无法读取节假日安排文件");
            return null;
        }

        if (shape is null)
        {
            errors.Add(file, 0, "$", "expected a holiday arrangement object, found null", "应为节假日安排对象，实际为 null");
            return null;
        }

        var before = errors.Items.Count;
        if (shape.Year is < 2000 or > 2100)
        {
            errors.Add(file, 0, "$.year", $"expected a year from 2000 to 2100, found {shape.Year}", $"年份应在 2000 至 2100 之间，实际为 {shape.Year}");
        }

        errors.CheckText(file, 0, "$.notice", shape.Notice, 200);
        var holidays = new List<Holiday>();
        var seen = new Dictionary<DateOnly, string>();
        foreach (var (h, i) in shape.Holidays.Select((h, i) => (h, i)))
        {
            var at = $"$.holidays[{i}]";
            if (!HolidayYear.Statutory.Contains(h.Name))
            {
                errors.Add(file, 0, $"{at}.name", $"expected one of {string.Join(", ", HolidayYear.Statutory)}, found '{h.Name}'",
                    $"应为法定节日之一（{string.Join("、", HolidayYear.Statutory)}），实际为 '{h.Name}'");
            }
            else if (shape.Holidays.Take(i).Any(o => o.Name == h.Name))
            {
                errors.Add(file, 0, $"{at}.name", $"expected {h.Name} once, found it again", $"{h.Name} 只应出现一次，实际重复");
            }

            var from = Date(h.From, $"{at}.from", file, errors);
            var to = Date(h.To, $"{at}.to", file, errors);
            var worked = h.WorkedDays.Select((w, j) => (Day: Date(w, $"{at}.workedDays[{j}]", file, errors), Path: $"{at}.workedDays[{j}]")).ToList();
            if (from is not { } f || to is not { } t)
            {
                continue;
            }

            var earliest = h.Name == "元旦" ? new DateOnly(shape.Year, 1, 1).AddDays(-7) : new DateOnly(shape.Year, 1, 1);
            if (f < earliest || t.Year != shape.Year || f > t || t.DayNumber - f.DayNumber + 1 > MaxSpanDays)
            {
                errors.Add(file, 0, at, $"expected days off from–to within {shape.Year}, at most {MaxSpanDays} days, found {f:yyyy-MM-dd}–{t:yyyy-MM-dd}",
                    $"放假日期应在 {shape.Year} 年内、起止有序且不超过 {MaxSpanDays} 天，实际为 {f:yyyy-MM-dd} 至 {t:yyyy-MM-dd}");
                continue;
            }

            for (var day = f; day <= t; day = day.AddDays(1))
            {
                Once(day, $"{at} ({h.Name})", file, errors, seen);
            }

            foreach (var (day, path) in worked)
            {
                if (day is not { } d)
                {
                    continue;
                }

                if (d.Year != shape.Year || d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    errors.Add(file, 0, path, $"expected a Saturday or Sunday of {shape.Year} worked instead, found {d:yyyy-MM-dd} ({d.DayOfWeek})",
                        $"调休上班日应为 {shape.Year} 年的周六或周日，实际为 {d:yyyy-MM-dd}（{Weekday(d)}）");
                    continue;
                }

                Once(d, path, file, errors, seen);
            }

            holidays.Add(new Holiday(h.Name, f, t, [.. worked.Where(w => w.Day is not null).Select(w => w.Day!.Value)]));
        }

        foreach (var missing in HolidayYear.Statutory.Where(n => shape.Holidays.All(h => h.Name != n)))
        {
            errors.Add(file, 0, "$.holidays", $"expected every statutory holiday of the year, found no {missing}", $"应包含当年全部法定节日，缺少{missing}");
        }

        return errors.Items.Count == before ? new HolidayYear(shape.Year, shape.Notice, holidays) : null;
    }

    public static string Write(HolidayYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        var shape = new Shape(year.Year, year.Notice,
            [.. year.Holidays.Select(h => new HolidayShape(h.Name, Text(h.From), Text(h.To), [.. h.WorkedDays.Select(Text)]))]);
        return JsonSerializer.Serialize(shape, DomainJson.Options);
    }

    /// <summary>The arrangements shipped with the software (2026), read from its embedded data.</summary>
    internal static IReadOnlyList<HolidayYear> Shipped()
    {
        var assembly = typeof(HolidayYearDocument).GetTypeInfo().Assembly;
        var years = new List<HolidayYear>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Appraisal.Domain.Calendar.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var errors = new InputErrors();
            years.Add(Read(reader.ReadToEnd(), name, errors) ?? throw new InvalidOperationException($"{name}: {string.Join("; ", errors.Items)}"));
        }

        return years;
    }

    private static DateOnly? Date(string? value, string path, string file, InputErrors errors)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(file, 0, path, $"expected a date like 2026-05-01, found '{value}'", $"应为 2026-05-01 格式的日期，实际为 '{value}'");
        return null;
    }

    private static void Once(DateOnly day, string where, string file, InputErrors errors, Dictionary<DateOnly, string> seen)
    {
        if (!seen.TryAdd(day, where))
        {
            errors.Add(file, 0, where, $"expected each date once, found {day:yyyy-MM-dd} also in {seen[day]}", $"每个日期只应出现一次，{day:yyyy-MM-dd} 也出现在 {seen[day]}");
        }
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Weekday(DateOnly day) => "周" + "日一二三四五六"[(int)day.DayOfWeek];

    private sealed record Shape(int Year, string Notice, IReadOnlyList<HolidayShape> Holidays);

    private sealed record HolidayShape(string Name, string From, string To, IReadOnlyList<string> WorkedDays);
}
