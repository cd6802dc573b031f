using Appraisal.Domain.Calendar;
using Appraisal.Workflow.Schedules;
using Microsoft.DurableTask;

namespace Appraisal.Workflow.Calendar;

/// <summary>Where a stage that begins inside an orchestration ends, read against the calendar in force when it begins
/// (so a year an administrator added since the cycle started counts); the history records the answer, so a replay sees
/// the same deadline. A year the calendar lacks is a refusal (409 at the duration's field), not retried: the cycle stops
/// with a problem naming the year, and starting its period again once the year is added continues it.</summary>
[DurableTask(nameof(ResolveDeadlineActivity))]
public sealed class ResolveDeadlineActivity(IWorkingCalendarSource calendars, ScheduleOptions schedule) : TaskActivity<DeadlineRequest, DateTime>
{
    public override async Task<DateTime> RunAsync(TaskActivityContext context, DeadlineRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var calendar = await calendars.CurrentAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            return StageDeadlines.End(calendar, Checkpoints.Zone(schedule.TimeZone), input.FromUtc, input.Duration);
        }
        catch (CalendarYearMissingException missing)
        {
            throw StageDeadlines.Refusal(input.Field, missing);
        }
    }
}
