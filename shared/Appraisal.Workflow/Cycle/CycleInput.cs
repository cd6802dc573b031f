using Appraisal.Domain.Decisions;

namespace Appraisal.Workflow.Cycle;

/// <summary>One office's appraisal cycle for one period: the scheme (its decided version, or none yet), the
/// departments, the deadlines and periods (inputs, so tests run a cycle in seconds; the self-evaluation deadline and
/// <see cref="Grace"/> as the starter counted them, moved off days off — the correction time and objection period are
/// counted when those stages begin, as is the grace after a correction deadline, from <see cref="GraceDuration"/>),
/// who decides how, and how its ratings are collected from the raters (none: no group of the office's own people
/// rates; paper results only). <see cref="CountsDeadlines"/>: made by a starter that moves deadlines off days off —
/// an input of a cycle started before (its history holding a timer where this version asks the calendar) reads false
/// and keeps adding calendar time, so it replays as it ran. <see cref="WindowsInCycle"/>: the departments' windows are
/// kept in the cycle itself (<see cref="DepartmentWindows"/>) — false in an input of a cycle started before, whose
/// history holds a sub-orchestration per window, which it keeps. <see cref="TimersOnTime"/>: its timers are set a
/// moment past their time (<see cref="DueTimers"/>) — false in an input of a cycle started before, which keeps the
/// timers its history holds.</summary>
public sealed record CycleInput(
    string OfficeId,
    string Period,
    string SchemeId,
    int? SchemeVersion,
    IReadOnlyList<string> Departments,
    DateTime SelfEvaluationDeadlineUtc,
    TimeSpan RemindBefore,
    LateSubmissionPolicy LatePolicy,
    TimeSpan Grace,
    StageDuration CorrectionTime,
    ApprovalRule ApprovalRule,
    IReadOnlyList<string> PartyGroup,
    string? ChiefId,
    StageDuration ObjectionPeriod,
    Ratings.RatingPlan? Rating = null,
    StageDuration? GraceDuration = null,
    bool CountsDeadlines = false,
    bool WindowsInCycle = false,
    bool TimersOnTime = false)
{
    /// <summary>The deterministic instance id: starting the same office and period twice starts one cycle.</summary>
    public string InstanceId => $"cycle-{OfficeId}-{Period}";
}
