using Appraisal.Domain.Cycles;
using Appraisal.Domain.Decisions;
using Appraisal.Workflow.Ratings;
using Microsoft.DurableTask;

namespace Appraisal.Workflow.Cycle;

/// <summary>One office's appraisal cycle for one period: scheme decision when none is decided → department
/// self-evaluation (every department's window kept in the cycle, <see cref="DepartmentWindows"/>) → verification (accept, adjust, or return for correction — the office
/// verifying the others while a returned department corrects) →
/// scoring → Party-group decision (a rejection returns to verification) → publication with an objection period
/// (objections may reopen departments) → final results.</summary>
[DurableTask(nameof(AppraisalCycleOrchestrator))]
public sealed class AppraisalCycleOrchestrator : TaskOrchestrator<CycleInput, CycleOutcome>
{
    /// <summary>Verification–decision rounds before the cycle gives up and asks for people to step in; keeps the history bounded.</summary>
    public const int MaxRounds = 20;


    public override async Task<CycleOutcome> RunAsync(TaskOrchestrationContext context, CycleInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        var version = input.SchemeVersion ?? await DecideSchemeAsync(context, input);
        var request = new CycleRequest(input.OfficeId, input.Period, input.SchemeId, version);

        // The raters' window runs beside self-evaluation (or after it, as the scheme says); scoring waits for its seal.
        (Task Sealed, Task Purged, DateTime Until)? rating = input.Rating is { AfterSelfEvaluation: false } beside ? await RateAsync(context, input, version, beside) : null;
        var windows = new DepartmentWindows(context, input);
        foreach (var department in input.Departments)
        {
            windows.Open(department, 0, input.SelfEvaluationDeadlineUtc, input.Grace);
        }

        var outcomes = await SelfEvaluateAsync(context, input, windows);
        var corrections = input.Departments.ToDictionary(d => d, _ => 0, StringComparer.Ordinal);
        if (input.Rating is { AfterSelfEvaluation: true } after)
        {
            rating = await RateAsync(context, input, version, after);
        }

        var toVerify = Submitted(outcomes, input.Departments);
        var rounds = 0;
        var objections = 0;
        while (rounds < MaxRounds)
        {
            await VerifyAsync(context, input, windows, toVerify, outcomes, corrections, rounds + 1);
            if (rating is { } window)
            {
                context.SetCustomStatus(new CycleStatus(CycleStage.Rating, [], window.Until));
                await window.Sealed;
            }

            context.SetCustomStatus(new CycleStatus(CycleStage.Scoring, []));
            rounds++;
            var scoringId = await context.CallActivityAsync<string>(nameof(ScoreCycleActivity), request with { Round = rounds }, WorkflowRetry.Activities);

            var decision = await CycleStages.DecideAsync(context, input.ApprovalRule, input.PartyGroup, input.ChiefId, request with { ScoringId = scoringId, Round = rounds });
            if (decision.Outcome == DecisionOutcome.Rejected)
            {
                // A rejection sends every submission back to verification, with the members' reasons on record.
                toVerify = Submitted(outcomes, input.Departments);
                continue;
            }

            var published = await CycleStages.PublishAsync(context, request with { ScoringId = scoringId, Round = rounds }, input.ObjectionPeriod, input.CountsDeadlines, input.TimersOnTime);
            objections += published.Objections;
            if (published.Reopen.Count > 0)
            {
                toVerify = published.Reopen.Where(outcomes.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
                continue;
            }

            if (rating is { } sealedWindow)
            {
                await sealedWindow.Purged; // the answer rows are gone before the results are final
            }

            context.SetCustomStatus(new CycleStatus(CycleStage.Final, []));
            await context.CallActivityAsync<bool>(nameof(FinaliseResultsActivity), request with { ScoringId = scoringId, Round = rounds }, WorkflowRetry.Activities);
            return new CycleOutcome(input.OfficeId, input.Period, version, scoringId, input.Departments.Select(d => outcomes[d]).ToList(), rounds, objections);
        }

        throw new InvalidOperationException($"cycle {input.OfficeId} {input.Period}: no final result after {MaxRounds} verification and decision rounds");
    }

    private static async Task<int> DecideSchemeAsync(TaskOrchestrationContext context, CycleInput input)
    {
        context.SetCustomStatus(new CycleStatus(CycleStage.SchemeDecision, input.PartyGroup));
        await context.CallActivityAsync<bool>(nameof(RequestSchemeDecisionActivity), new CycleRequest(input.OfficeId, input.Period, input.SchemeId, 0), WorkflowRetry.Activities);
        return await context.WaitForExternalEvent<int>(WorkflowEvents.SchemeDecided);
    }

    /// <summary>The rating window from now, until the close the starter counted or, for one opened after
    /// self-evaluation, the close counted now (<see cref="CycleStages.EndAsync"/>): opened (the raters invited), the raters who have not answered reminded
    /// before the close, and the ballots sealed a moment after it (<see cref="RatingPlan.Settle"/>) — what scoring waits
    /// for; then the answer rows deleted, beside scoring.</summary>
    private static async Task<(Task Sealed, Task Purged, DateTime Until)> RateAsync(TaskOrchestrationContext context, CycleInput input, int version, RatingPlan plan)
    {
        var until = plan.UntilUtc ?? await CycleStages.EndAsync(context, input.OfficeId, input.Period, "ratingTime", plan.Duration, input.CountsDeadlines);
        var window = new RatingRequest(input.OfficeId, input.Period, input.SchemeId, version, until, input.PartyGroup);
        var sealedBallots = RunAsync();
        return (sealedBallots, PurgeAsync(), window.UntilUtc);

        async Task PurgeAsync()
        {
            await sealedBallots;
            await context.CallActivityAsync<bool>(nameof(PurgeRatingsActivity), window, WorkflowRetry.Activities);
        }

        async Task RunAsync()
        {
            await context.CallActivityAsync<bool>(nameof(OpenRatingsActivity), window, WorkflowRetry.Activities);
            if (plan.RemindBefore > TimeSpan.Zero && window.UntilUtc - plan.RemindBefore > context.CurrentUtcDateTime)
            {
                await DueTimers.At(context, window.UntilUtc - plan.RemindBefore, input.TimersOnTime, CancellationToken.None);
                await context.CallActivityAsync<int>(nameof(RemindRatingsActivity), window, WorkflowRetry.Activities);
            }

            await DueTimers.At(context, window.UntilUtc + plan.Settle, input.TimersOnTime, CancellationToken.None);
            var seal = await context.CallActivityAsync<string>(nameof(SealRatingsActivity), window, WorkflowRetry.Activities);
            // Not sealed before the close the raters were told (a cycle started again with an earlier one of its own):
            // again that moment and the settle later.
            while (SealRatingsActivity.LaterClose(seal) is { } told)
            {
                await DueTimers.At(context, told + plan.Settle, input.TimersOnTime, CancellationToken.None);
                seal = await context.CallActivityAsync<string>(nameof(SealRatingsActivity), window, WorkflowRetry.Activities);
            }
        }
    }

    /// <summary>Self-evaluation: every department's window open until each is submitted or has closed (the status
    /// naming those still awaited), and the outcome of each.</summary>
    private static async Task<Dictionary<string, SelfEvaluationOutcome>> SelfEvaluateAsync(TaskOrchestrationContext context, CycleInput input, DepartmentWindows windows)
    {
        // The status names the windows open before anything is sent (a reminder due at once links to them), and after
        // each step those still open — none once they have closed, so no submission is taken for a window the cycle
        // no longer waits on.
        var outcomes = new Dictionary<string, SelfEvaluationOutcome>(StringComparer.Ordinal);
        context.SetCustomStatus(new CycleStatus(CycleStage.SelfEvaluation, windows.Awaiting, input.SelfEvaluationDeadlineUtc));
        Task? completed = null;
        do
        {
            foreach (var outcome in await windows.AdvanceAsync(completed))
            {
                outcomes[outcome.DepartmentId] = outcome;
            }

            context.SetCustomStatus(new CycleStatus(CycleStage.SelfEvaluation, windows.Awaiting, input.SelfEvaluationDeadlineUtc));
            completed = windows.Any ? await Task.WhenAny(windows.Waits()) : null;
        }
        while (completed is not null);

        return outcomes;
    }

    /// <summary>Waits for the office's verification of every submission in <paramref name="pending"/>. A returned
    /// submission goes back to its department with a deadline of its own and is verified again once resubmitted; the
    /// office goes on verifying the other departments meanwhile, and several departments may correct at once.</summary>
    private static async Task VerifyAsync(TaskOrchestrationContext context, CycleInput input, DepartmentWindows windows, List<string> pending,
        Dictionary<string, SelfEvaluationOutcome> outcomes, Dictionary<string, int> corrections, int round)
    {
        var awaiting = new List<string>(pending);

        // One waiter at a time, kept until an event completes it: an abandoned waiter would still take the next
        // decision raised and lose it. None is left behind on return — the list of those awaited only shrinks by one.
        Task<VerificationDecision>? verified = null;
        while (awaiting.Count > 0 || windows.Any)
        {
            context.SetCustomStatus(VerificationStatus(awaiting, windows.Correcting, round));
            if (awaiting.Count > 0)
            {
                verified ??= context.WaitForExternalEvent<VerificationDecision>(WorkflowEvents.Verified);
            }

            var next = await Task.WhenAny(windows.Waits().Concat(verified is null ? [] : [verified]));
            IReadOnlyList<SelfEvaluationOutcome> closed = [];
            if (next == verified)
            {
                var decision = await verified;
                verified = null;
                if (decision.Round != round || !awaiting.Remove(decision.DepartmentId) || decision.Action != VerificationAction.Return)
                {
                    continue;
                }

                var until = await CycleStages.EndAsync(context, input.OfficeId, input.Period, "correctionTime", input.CorrectionTime, input.CountsDeadlines);
                var grace = await CorrectionGraceAsync(context, input, until);
                windows.Open(decision.DepartmentId, ++corrections[decision.DepartmentId], until, grace);
                closed = await windows.AdvanceAsync(null);
            }
            else
            {
                closed = await windows.AdvanceAsync(next);
            }

            foreach (var corrected in closed)
            {
                outcomes[corrected.DepartmentId] = corrected;
                if (corrected.Status != SelfEvaluationStatus.Missing)
                {
                    awaiting.Add(corrected.DepartmentId);
                }
            }
        }
    }

    /// <summary>The grace after a correction deadline, counted from it as the first grace was (in working days, or
    /// moved off a day off) when late submissions are taken; the first grace's span for an input that does not say
    /// how it was given (a cycle started before durations could be in working days).</summary>
    private static async Task<TimeSpan> CorrectionGraceAsync(TaskOrchestrationContext context, CycleInput input, DateTime until) =>
        input.LatePolicy == LateSubmissionPolicy.AcceptDuringGrace && input.GraceDuration is { UsesCalendar: true } grace
            ? await CycleStages.EndAsync(context, input.OfficeId, input.Period, "grace", grace, input.CountsDeadlines, until) - until
            : input.Grace;

    /// <summary>Verification while any submission awaits the office (naming the departments correcting beside it);
    /// correction once only returned departments are left, awaiting them until the earliest of their deadlines.</summary>
    private static CycleStatus VerificationStatus(List<string> awaiting, IReadOnlyList<CorrectionWindow> correcting, int round) =>
        awaiting.Count > 0 || correcting.Count == 0
            ? new CycleStatus(CycleStage.Verification, [.. awaiting], Round: round, Correcting: correcting.Count > 0 ? correcting : null)
            : new CycleStatus(CycleStage.Correction, [.. correcting.Select(c => c.DepartmentId)], correcting.Min(c => c.UntilUtc), round, correcting);

    private static List<string> Submitted(Dictionary<string, SelfEvaluationOutcome> outcomes, IReadOnlyList<string> departments) =>
        departments.Where(d => outcomes[d].Status != SelfEvaluationStatus.Missing).ToList();
}
