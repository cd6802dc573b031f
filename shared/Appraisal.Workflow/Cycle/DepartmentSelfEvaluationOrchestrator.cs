using Appraisal.Domain.Cycles;
using Microsoft.DurableTask;

namespace Appraisal.Workflow.Cycle;

/// <summary>One department's self-evaluation (自查自评): a reminder before the deadline, then the submission or the
/// deadline, whichever comes first; after a missed deadline an escalation and the late-submission policy.</summary>
[DurableTask(nameof(DepartmentSelfEvaluationOrchestrator))]
public sealed class DepartmentSelfEvaluationOrchestrator : TaskOrchestrator<DepartmentWindow, SelfEvaluationOutcome>
{
    public override async Task<SelfEvaluationOutcome> RunAsync(TaskOrchestrationContext context, DepartmentWindow input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var notice = new DepartmentNotice(input.OfficeId, input.Period, input.DepartmentId, input.DeadlineUtc);
        using var stopWaiting = new CancellationTokenSource();
        var submission = context.WaitForExternalEvent<SubmissionNotice>(WorkflowEvents.SubmissionReceived, stopWaiting.Token);
        context.SetCustomStatus(new { stage = CycleStage.SelfEvaluation, awaiting = input.DepartmentId, deadline = input.DeadlineUtc });

        // Remind at the set time before the deadline — at once when the window opens later than that.
        var reminded = false;
        var remindAt = input.DeadlineUtc - input.RemindBefore;
        if (input.RemindBefore > TimeSpan.Zero && input.DeadlineUtc > context.CurrentUtcDateTime)
        {
            if (remindAt > context.CurrentUtcDateTime)
            {
                using var reminderTimer = new CancellationTokenSource();
                var reminder = context.CreateTimer(remindAt, reminderTimer.Token);
                if (await Task.WhenAny(submission, reminder) == submission)
                {
                    reminderTimer.Cancel();
                    return new SelfEvaluationOutcome(input.DepartmentId, SelfEvaluationStatus.Submitted, submission.Result.SubmissionKey, false, false);
                }
            }

            reminded = await context.CallActivityAsync<bool>(nameof(SendSelfEvaluationReminderActivity), notice, WorkflowRetry.Activities);
        }

        using (var deadlineTimer = new CancellationTokenSource())
        {
            var deadline = context.CreateTimer(input.DeadlineUtc, deadlineTimer.Token);
            if (await Task.WhenAny(submission, deadline) == submission)
            {
                deadlineTimer.Cancel();
                return new SelfEvaluationOutcome(input.DepartmentId, SelfEvaluationStatus.Submitted, submission.Result.SubmissionKey, reminded, false);
            }
        }

        await context.CallActivityAsync<bool>(nameof(EscalateMissedDeadlineActivity), notice, WorkflowRetry.Activities);
        if (input.LatePolicy == LateSubmissionPolicy.AcceptDuringGrace && input.Grace > TimeSpan.Zero)
        {
            context.SetCustomStatus(new { stage = CycleStage.SelfEvaluation, awaiting = input.DepartmentId, deadline = input.DeadlineUtc + input.Grace, late = true });
            using var graceTimer = new CancellationTokenSource();
            var grace = context.CreateTimer(input.DeadlineUtc + input.Grace, graceTimer.Token);
            if (await Task.WhenAny(submission, grace) == submission)
            {
                graceTimer.Cancel();
                return new SelfEvaluationOutcome(input.DepartmentId, SelfEvaluationStatus.SubmittedLate, submission.Result.SubmissionKey, reminded, true);
            }
        }

        stopWaiting.Cancel();
        return new SelfEvaluationOutcome(input.DepartmentId, SelfEvaluationStatus.Missing, null, reminded, true);
    }
}
