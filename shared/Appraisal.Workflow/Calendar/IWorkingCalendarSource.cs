using Appraisal.Domain.Calendar;

namespace Appraisal.Workflow.Calendar;

/// <summary>The working-day calendar in force: the years shipped with the software, with the years an administrator
/// has added (a later year's State Council notice) beside them. Read where a deadline is counted, never in an
/// orchestrator (activities and starters call it, so a replay sees the value recorded the first time).</summary>
public interface IWorkingCalendarSource
{
    Task<WorkingCalendar> CurrentAsync(CancellationToken cancel);
}

/// <summary>The shipped calendar alone, for a host that stores no added years.</summary>
public sealed class ShippedCalendarSource : IWorkingCalendarSource
{
    public Task<WorkingCalendar> CurrentAsync(CancellationToken cancel) => Task.FromResult(WorkingCalendar.Shipped);
}
