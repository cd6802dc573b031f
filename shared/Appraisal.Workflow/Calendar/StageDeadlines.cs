using Appraisal.Domain.Calendar;
using Appraisal.Workflow.Cycle;

namespace Appraisal.Workflow.Calendar;

/// <summary>Where a stage that begins at a moment and lasts a <see cref="StageDuration"/> ends, as offices count it in
/// their time zone (Beijing time by default): a count of working days ends at 24:00 of the last of them, counted from
/// the next working day after the start; calendar time of a day or more ends where it ends unless that is a day off,
/// which moves it to 24:00 of the next working day. Shorter spans (a demonstration, a test) end without the calendar.
/// Calendar time that ends in a year the calendar does not hold yet stands where it ends: it was counted without the
/// calendar and needs none, and refusing it would stop every office's quarter started by the timer on 1 January while
/// the State Council's notice for the new year is not yet added. Only a count of working days needs the year.</summary>
public static class StageDeadlines
{
    /// <summary>The end of a stage begun at <paramref name="fromUtc"/>. Throws <see cref="CalendarYearMissingException"/>
    /// when a count of working days reaches a year the calendar does not hold: a working day is never guessed.</summary>
    public static DateTime End(WorkingCalendar calendar, TimeZoneInfo zone, DateTime fromUtc, StageDuration duration)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var from = new DateTimeOffset(DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc));
        if (duration.InWorkingDays)
        {
            return calendar.EndOfWorkingDays(from, duration.WorkingDays, zone).UtcDateTime;
        }

        var end = from + duration.Time;
        return duration.UsesCalendar ? OnWorkingDayWhereKnown(calendar, end, zone).UtcDateTime : end.UtcDateTime;
    }

    /// <summary>A deadline given as a moment (a province's shared one): moved off a day off when it is a day or more
    /// away, as it stands otherwise. Moving a moved deadline again leaves it where it is.</summary>
    public static DateTime Moved(WorkingCalendar calendar, TimeZoneInfo zone, DateTime nowUtc, DateTime deadlineUtc)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return deadlineUtc - nowUtc >= TimeSpan.FromDays(1)
            ? OnWorkingDayWhereKnown(calendar, new DateTimeOffset(DateTime.SpecifyKind(deadlineUtc, DateTimeKind.Utc)), zone).UtcDateTime
            : deadlineUtc;
    }

    /// <summary>A calendar-time deadline moved off a day off, or as it stands in a year the calendar does not hold yet.</summary>
    private static DateTimeOffset OnWorkingDayWhereKnown(WorkingCalendar calendar, DateTimeOffset deadline, TimeZoneInfo zone)
    {
        try
        {
            return calendar.OnWorkingDay(deadline, zone);
        }
        catch (CalendarYearMissingException)
        {
            return deadline;
        }
    }

    /// <summary>A local time as pages and mails show it (<c>yyyy-MM-dd HH:mm</c>); midnight as 24:00 of the day before —
    /// a deadline counted in working days or moved off a day off ends at 24:00 of its working day, and is shown on it.</summary>
    public static string Display(DateTime local) => local.TimeOfDay == TimeSpan.Zero
        ? local.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " 24:00"
        : local.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The refusal of a deadline that needs a year the calendar lacks, at the field that asked for it: 409 with
    /// the calendar's own message (add the State Council's notice for that year first).</summary>
    public static RequestRefusedException Refusal(string field, CalendarYearMissingException missing)
    {
        ArgumentNullException.ThrowIfNull(missing);
        return new RequestRefusedException(409, field, missing.Message, missing.MessageZh);
    }
}

/// <summary>A stage that begins now, inside an orchestration (the objection period from publication, a correction window
/// from a return, a rating window after self-evaluation): <paramref name="Field"/> names the duration's setting.</summary>
public sealed record DeadlineRequest(string OfficeId, string Period, string Field, DateTime FromUtc, StageDuration Duration);
