using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Appraisal.Workflow.Cycle;

/// <summary>How long a stage of a cycle lasts: calendar time (a time span, as before: <c>5.00:00:00</c>, <c>00:00:30</c>,
/// or days: <c>5d</c>, <c>0.5d</c>, <c>5 天</c>) or a count of working days (<c>5wd</c>, <c>5 个工作日</c>) — counted from
/// the next working day after the stage begins and ending at 24:00 of the last one in the office's time zone. The same
/// text in configuration (<c>Cycle__ObjectionPeriod=5wd</c>), on the command line (<c>--objection-period 5wd</c>) and in
/// the API's JSON (<c>"objectionPeriod": "5wd"</c>); a time span written as before still reads.</summary>
[JsonConverter(typeof(StageDurationJsonConverter))]
[TypeConverter(typeof(StageDurationTypeConverter))]
public readonly record struct StageDuration
{
    private StageDuration(TimeSpan time, int workingDays)
    {
        Time = time;
        WorkingDays = workingDays;
    }

    /// <summary>The calendar time; zero when the duration is in working days.</summary>
    public TimeSpan Time { get; }

    /// <summary>The count of working days; zero when the duration is calendar time.</summary>
    public int WorkingDays { get; }

    public bool InWorkingDays => WorkingDays > 0;

    /// <summary>Whether the deadline this duration ends at is read against the working-day calendar: a count of working
    /// days, or calendar time of a day or more (moved off a day off). Shorter spans — a demonstration or a test running
    /// in seconds — end where they end, without the calendar.</summary>
    public bool UsesCalendar => InWorkingDays || Time >= TimeSpan.FromDays(1);

    /// <summary>The duration roughly, as calendar time (a working day counted as a day): for proportions only, such as
    /// the rating reminder's at most half-way point — never for a deadline.</summary>
    public TimeSpan Approximate => InWorkingDays ? TimeSpan.FromDays(WorkingDays) : Time;

    public static StageDuration Of(TimeSpan time) => new(time, 0);

    public static StageDuration OfWorkingDays(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return new StageDuration(TimeSpan.Zero, count);
    }

    public static implicit operator StageDuration(TimeSpan time) => Of(time);

    /// <summary>What the text forms are, for an error that says what was expected.</summary>
    public const string Expected = "a time span such as 5.00:00:00 or 00:00:30, days such as 5d, or working days such as 5wd";

    public const string ExpectedZh = "时长，如 5.00:00:00、00:00:30，天数如 5d（5 天），或工作日数如 5wd（5 个工作日）";

    /// <summary>Reads <c>5wd</c> / <c>5 个工作日</c> / <c>5 工作日</c> (whole working days), <c>5d</c> / <c>5 天</c> (days,
    /// decimals allowed) or a time span (<c>d.hh:mm:ss</c>).</summary>
    public static bool TryParse(string? text, out StageDuration value)
    {
        value = default;
        var s = text?.Trim() ?? string.Empty;
        if (s.Length == 0)
        {
            return false;
        }

        foreach (var unit in (ReadOnlySpan<string>)["wd", "个工作日", "工作日"])
        {
            if (s.EndsWith(unit, StringComparison.OrdinalIgnoreCase))
            {
                var number = s[..^unit.Length].Trim();
                if (number.Length > 0 && number.All(char.IsAsciiDigit) && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
                {
                    value = OfWorkingDays(count);
                    return true;
                }

                return false;
            }
        }

        foreach (var unit in (ReadOnlySpan<string>)["d", "天"])
        {
            if (s.EndsWith(unit, StringComparison.OrdinalIgnoreCase))
            {
                var number = s[..^unit.Length].Trim();
                if (double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var days) && double.IsFinite(days) && days <= TimeSpan.MaxValue.TotalDays / 2)
                {
                    value = Of(TimeSpan.FromDays(days));
                    return true;
                }

                return false;
            }
        }

        if (TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var time))
        {
            value = Of(time);
            return true;
        }

        return false;
    }

    public static StageDuration Parse(string? text) => TryParse(text, out var value)
        ? value
        : throw new FormatException($"expected {Expected}, found '{text}'");

    /// <summary><c>5wd</c>, or the time span as before (<c>5.00:00:00</c>): what the JSON and configuration read back.</summary>
    public override string ToString() => InWorkingDays
        ? WorkingDays.ToString(CultureInfo.InvariantCulture) + "wd"
        : Time.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>For people: "5 个工作日" / "5 working days", or days ("5 天" / "5 days", 0.5 is twelve hours).</summary>
    public string Describe(Domain.Text.Language language) => InWorkingDays
        ? language == Domain.Text.Language.En ? $"{WorkingDays} working day{(WorkingDays == 1 ? "" : "s")}" : $"{WorkingDays} 个工作日"
        : language == Domain.Text.Language.En ? $"{DurationLimit.Days(Time)} days" : $"{DurationLimit.Days(Time)} 天";
}

/// <summary>The JSON form of a <see cref="StageDuration"/>: one string (see <see cref="StageDuration.TryParse"/>).</summary>
public sealed class StageDurationJsonConverter : JsonConverter<StageDuration>
{
    public override StageDuration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected {StageDuration.Expected}, found {reader.TokenType}");
        }

        var text = reader.GetString();
        return StageDuration.TryParse(text, out var value) ? value : throw new JsonException($"expected {StageDuration.Expected}, found '{text}'");
    }

    public override void Write(Utf8JsonWriter writer, StageDuration value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}

/// <summary>Lets configuration bind a <see cref="StageDuration"/> from its text (<c>Cycle__ObjectionPeriod=5wd</c>).</summary>
public sealed class StageDurationTypeConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? StageDuration.Parse(text) : base.ConvertFrom(context, culture, value);

    public override bool CanConvertTo(ITypeDescriptorContext? context, Type? destinationType) => destinationType == typeof(string) || base.CanConvertTo(context, destinationType);

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is StageDuration duration ? duration.ToString() : base.ConvertTo(context, culture, value, destinationType);
}
