using Microsoft.DurableTask;

namespace Appraisal.Workflow.Cycle;

/// <summary>The departments' self-evaluation windows (自查自评) of one office's cycle, and the correction windows of
/// submissions it returned: for each a reminder at the set time before its deadline, then its submission or its
/// deadline, whichever comes first; after a missed deadline an escalation and the late-submission policy's grace.
/// Kept in the cycle itself: the windows share one waiter for submissions and one timer, set to the earliest moment
/// any of them comes to, so windows due together (every department's first window has the cycle's deadline) cost one
/// timer and one reminder or escalation activity between them, not a sub-orchestration each. A cycle started before
/// (<see cref="CycleInput.WindowsInCycle"/> false) keeps a <see cref="DepartmentSelfEvaluationOrchestrator"/> per
/// window, as its history holds. Runs in the orchestrator, so deterministic like it.</summary>
internal sealed class DepartmentWindows(TaskOrchestrationContext context, CycleInput input)
{
    private readonly List<Window> _open = [];
    private Task<SubmissionNotice>? _submission;
    private (DateTime At, Task Fired, CancellationTokenSource Stop)? _timer;

    public bool Any => _open.Count > 0;

    /// <summary>The departments whose windows are open, in the order they opened.</summary>
    public IReadOnlyList<string> Awaiting => [.. _open.Select(w => w.DepartmentId)];

    /// <summary>The open windows as the cycle's status names the corrections: department, deadline, attempt and the end
    /// of the grace.</summary>
    public IReadOnlyList<CorrectionWindow> Correcting => [.. _open.Select(w => new CorrectionWindow(w.DepartmentId, w.DeadlineUtc, w.Attempt, w.GraceUntilUtc))];

    /// <summary>Opens a department's window: its first (<paramref name="attempt"/> 0, reminded <see cref="CycleInput.RemindBefore"/>
    /// before the deadline) or a correction's (no reminder).</summary>
    public void Open(string departmentId, int attempt, DateTime deadlineUtc, TimeSpan grace)
    {
        var remindBefore = attempt == 0 ? input.RemindBefore : TimeSpan.Zero;
        DateTime? graceUntil = input.LatePolicy == LateSubmissionPolicy.AcceptDuringGrace && grace > TimeSpan.Zero ? deadlineUtc + grace : null;
        if (!input.WindowsInCycle)
        {
            var window = new DepartmentWindow(input.OfficeId, input.Period, departmentId, deadlineUtc, remindBefore, input.LatePolicy, grace);
            var options = new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}:dept:{departmentId}:{attempt}" };
            _open.Add(new Window(departmentId, attempt, deadlineUtc, null, graceUntil)
            {
                Child = context.CallSubOrchestratorAsync<SelfEvaluationOutcome>(nameof(DepartmentSelfEvaluationOrchestrator), window, options),
            });
            return;
        }

        // Reminded at the set time before the deadline — at once when the window opens later than that.
        var now = context.CurrentUtcDateTime;
        DateTime? remindAt = remindBefore > TimeSpan.Zero && deadlineUtc > now ? (deadlineUtc - remindBefore > now ? deadlineUtc - remindBefore : now) : null;
        _open.Add(new Window(departmentId, attempt, deadlineUtc, remindAt, graceUntil));
    }

    /// <summary>What the cycle waits on for the windows: the submissions' waiter and the timer of the earliest moment
    /// a window comes to (a sub-orchestration each, for a cycle started before); none while no window is open.</summary>
    public IEnumerable<Task> Waits()
    {
        if (_open.Count == 0)
        {
            return [];
        }

        if (!input.WindowsInCycle)
        {
            return _open.Select(w => (Task)w.Child!);
        }

        // One waiter at a time, kept until an event completes it — also while no window is open (it is only not
        // waited on then): a waiter let go, even cancelled, would still take the next submission raised and lose it.
        _submission ??= context.WaitForExternalEvent<SubmissionNotice>(WorkflowEvents.SubmissionReceived);

        // An earlier timer still pending is kept (it fires, and the next one is set then); a later one is cancelled.
        var next = _open.Min(w => w.NextUtc);
        if (_timer is not { } timer || timer.At > next)
        {
            StopTimer();
            var stop = new CancellationTokenSource();
            _timer = (next, DueTimers.At(context, next, input.TimersOnTime, stop.Token), stop);
        }

        return [_submission, _timer.Value.Fired];
    }

    /// <summary>Takes what completed among <see cref="Waits"/> (null: nothing yet, only what is due now) and does what
    /// is due: a submission closes its window if it answers an open one (a repeat or a stale one is ignored); then the
    /// reminders and escalations that came due are sent, one activity per deadline, and windows past their deadline
    /// (or their grace) close as missing. Returns the windows closed.</summary>
    public async Task<IReadOnlyList<SelfEvaluationOutcome>> AdvanceAsync(Task? completed)
    {
        var closed = new List<SelfEvaluationOutcome>();
        if (!input.WindowsInCycle)
        {
            if (_open.FirstOrDefault(w => w.Child == completed) is { } child)
            {
                _open.Remove(child);
                closed.Add(await child.Child!);
            }

            return closed;
        }

        if (completed is not null && completed == _submission)
        {
            var notice = await _submission;
            _submission = null;
            if (_open.FirstOrDefault(w => w.DepartmentId == notice.DepartmentId && w.Attempt == notice.Attempt) is { } window)
            {
                Close(window, window.Escalated ? SelfEvaluationStatus.SubmittedLate : SelfEvaluationStatus.Submitted, notice.SubmissionKey, closed);
            }
        }
        else if (completed is not null && _timer is { } timer && completed == timer.Fired)
        {
            timer.Stop.Dispose();
            _timer = null;
        }

        while (await DueAsync(closed))
        {
        }

        if (_open.Count == 0)
        {
            // Nothing to time until a correction opens a window. The submissions' waiter stays: a submission raised
            // meanwhile completes it, and is ignored when a window opens unless it answers that window.
            StopTimer();
        }

        return closed;
    }

    private void StopTimer()
    {
        if (_timer is { } timer)
        {
            timer.Stop.Cancel();
            timer.Stop.Dispose();
            _timer = null;
        }
    }

    /// <summary>One pass over what is due at the orchestration's time; true when an activity was called (time moved on,
    /// so more may be due).</summary>
    private async Task<bool> DueAsync(List<SelfEvaluationOutcome> closed)
    {
        var now = context.CurrentUtcDateTime;
        var acted = false;
        var remind = _open.Where(w => w.RemindUtc is { } at && at <= now).ToList();
        foreach (var window in remind)
        {
            window.RemindUtc = null; // past its deadline too: escalated below, no reminder after the fact
        }

        foreach (var group in remind.Where(w => w.DeadlineUtc > now).GroupBy(w => w.DeadlineUtc))
        {
            await context.CallActivityAsync<int>(nameof(RemindDepartmentsActivity), Notices(group), WorkflowRetry.Activities);
            foreach (var window in group)
            {
                window.Reminded = true;
            }

            acted = true;
        }

        foreach (var group in _open.Where(w => !w.Escalated && w.DeadlineUtc <= now).GroupBy(w => w.DeadlineUtc).ToList())
        {
            await context.CallActivityAsync<int>(nameof(EscalateDepartmentsActivity), Notices(group), WorkflowRetry.Activities);
            foreach (var window in group)
            {
                window.Escalated = true;
            }

            acted = true;
        }

        foreach (var window in _open.Where(w => w.Escalated && (w.GraceUntilUtc is not { } until || until <= context.CurrentUtcDateTime)).ToList())
        {
            Close(window, SelfEvaluationStatus.Missing, null, closed);
        }

        return acted;
    }

    private DepartmentNotices Notices(IGrouping<DateTime, Window> group) => new(input.OfficeId, input.Period, group.Key, [.. group.Select(w => w.DepartmentId)]);

    private void Close(Window window, SelfEvaluationStatus status, string? key, List<SelfEvaluationOutcome> closed)
    {
        _open.Remove(window);
        closed.Add(new SelfEvaluationOutcome(window.DepartmentId, status, key, window.Reminded, window.Escalated));
    }

    private sealed class Window(string departmentId, int attempt, DateTime deadlineUtc, DateTime? remindUtc, DateTime? graceUntilUtc)
    {
        public string DepartmentId { get; } = departmentId;

        public int Attempt { get; } = attempt;

        public DateTime DeadlineUtc { get; } = deadlineUtc;

        /// <summary>When the reminder is due; null once sent, or when none is.</summary>
        public DateTime? RemindUtc { get; set; } = remindUtc;

        /// <summary>The end of the late-submission grace; null when late submissions are refused.</summary>
        public DateTime? GraceUntilUtc { get; } = graceUntilUtc;

        public bool Reminded { get; set; }

        public bool Escalated { get; set; }

        /// <summary>The window's sub-orchestration, in a cycle started before windows were kept in the cycle.</summary>
        public Task<SelfEvaluationOutcome>? Child { get; init; }

        /// <summary>The next moment the window comes to: its reminder, its deadline, or the end of its grace.</summary>
        public DateTime NextUtc => RemindUtc ?? (Escalated ? GraceUntilUtc ?? DeadlineUtc : DeadlineUtc);
    }
}
