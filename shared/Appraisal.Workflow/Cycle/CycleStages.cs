using Appraisal.Domain.Cycles;
using Appraisal.Domain.Decisions;
using Appraisal.Workflow.Calendar;
using Microsoft.DurableTask;

namespace Appraisal.Workflow.Cycle;

/// <summary>Stages the quarterly and the year-end appraisals share: the Party group's decision and the publication's
/// objection period. Called from orchestrators, so deterministic like them.</summary>
public static class CycleStages
{
    /// <summary>Objections taken in one publication; keeps the history bounded.</summary>
    public const int MaxObjections = 500;

    /// <summary>Votes taken in one decision round (members vote once; repeats and strangers are ignored); keeps the history bounded.</summary>
    public const int MaxVotes = 1000;

    /// <summary>Sends the decision requests, then counts the members' votes under the rule until the outcome is settled.</summary>
    public static async Task<DecisionState> DecideAsync(TaskOrchestrationContext context, ApprovalRule rule, IReadOnlyList<string> members, string? chiefId, CycleRequest request)
    {
        await context.CallActivityAsync<bool>(nameof(RequestDecisionActivity), request, WorkflowRetry.Activities);
        var votes = new List<Vote>();
        var received = 0;
        var state = ApprovalTally.Evaluate(rule, members, chiefId, votes);
        while (state.Outcome == DecisionOutcome.Pending)
        {
            if (received++ >= MaxVotes)
            {
                throw new InvalidOperationException($"decision {request.OfficeId} {request.Period} round {request.Round}: still undecided after {MaxVotes} votes");
            }

            context.SetCustomStatus(new CycleStatus(CycleStage.Decision, state.Awaiting, Round: request.Round));
            var vote = await context.WaitForExternalEvent<Vote>(WorkflowEvents.ApprovalDecision);
            if (vote.Round != request.Round)
            {
                continue; // A vote of an earlier round (or of none), raised late: it decides nothing now.
            }

            votes.Add(vote);
            state = ApprovalTally.Evaluate(rule, members, chiefId, votes);
        }

        return state;
    }

    /// <summary>Publishes the public notice (公示) for the objection period, takes objections until it ends, and when
    /// there were any waits for the office's review: which departments it reopens (none: the results stand).</summary>
    public static async Task<Publication> PublishAsync(TaskOrchestrationContext context, CycleRequest request, StageDuration objectionPeriod, bool countsDeadlines, bool timersOnTime)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var until = await EndAsync(context, request.OfficeId, request.Period, "objectionPeriod", objectionPeriod, countsDeadlines);
        context.SetCustomStatus(new CycleStatus(CycleStage.Publication, [], until, request.Round));
        await context.CallActivityAsync<bool>(nameof(PublishNoticeActivity), request with { UntilUtc = until }, WorkflowRetry.Activities);
        var filed = await CollectObjectionsAsync(context, until, request.Round, timersOnTime);
        if (filed.Count == 0)
        {
            return new Publication(0, []);
        }

        context.SetCustomStatus(new CycleStatus(CycleStage.ObjectionReview, filed.Select(o => o.SubjectId).ToList(), Round: request.Round));
        ObjectionsReviewed review;
        do
        {
            review = await context.WaitForExternalEvent<ObjectionsReviewed>(WorkflowEvents.ObjectionsReviewed);
        }
        while (review.Round != request.Round);

        return new Publication(filed.Count, review.ReopenDepartments);
    }

    /// <summary>The end of a stage that begins now (or at <paramref name="fromUtc"/>) and lasts <paramref name="duration"/>
    /// (<paramref name="field"/> names its setting). One that reads the working-day calendar (working days, or a day or more, moved off a day off) is
    /// counted by <see cref="ResolveDeadlineActivity"/>, whose recorded answer a replay sees; a shorter span is added to
    /// the orchestration's clock without an activity, as is calendar time in a cycle started before deadlines were
    /// moved off days off (<paramref name="countsDeadlines"/> false: its history holds no activity there).</summary>
    public static Task<DateTime> EndAsync(TaskOrchestrationContext context, string officeId, string period, string field, StageDuration duration, bool countsDeadlines,
        DateTime? fromUtc = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var from = fromUtc ?? context.CurrentUtcDateTime;
        return duration.InWorkingDays || (countsDeadlines && duration.UsesCalendar)
            ? context.CallActivityAsync<DateTime>(nameof(ResolveDeadlineActivity), new DeadlineRequest(officeId, period, field, from, duration), WorkflowRetry.Activities)
            : Task.FromResult(from + duration.Time);
    }

    /// <summary>Takes objections until the objection period ends.</summary>
    private static async Task<List<ObjectionFiled>> CollectObjectionsAsync(TaskOrchestrationContext context, DateTime until, int round, bool onTime)
    {
        var filed = new List<ObjectionFiled>();
        using var periodEnd = new CancellationTokenSource();
        var timer = DueTimers.At(context, until, onTime, periodEnd.Token);
        while (filed.Count < MaxObjections)
        {
            using var stop = new CancellationTokenSource();
            var objection = context.WaitForExternalEvent<ObjectionFiled>(WorkflowEvents.ObjectionFiled, stop.Token);
            if (await Task.WhenAny(objection, timer) == timer)
            {
                stop.Cancel();
                return filed;
            }

            if (objection.Result.Round == round)
            {
                filed.Add(objection.Result);
            }
        }

        await timer;
        return filed;
    }
}
