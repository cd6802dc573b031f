using Appraisal.Domain.Cycles;
using Appraisal.Domain.Decisions;
using Appraisal.Workflow.Cycle;
using Microsoft.DurableTask;

namespace Appraisal.Workflow.YearEnd;

/// <summary>The year-end appraisal (年终总考核): the year's quarters combined per the scheme, then the Party group's
/// decision and the publication of the annual result; a rejection or a reopening objection combines again.</summary>
[DurableTask(nameof(YearEndAppraisalOrchestrator))]
public sealed class YearEndAppraisalOrchestrator : TaskOrchestrator<YearEndInput, YearEndOutcome>
{
    public const int MaxRounds = 20;

    public override async Task<YearEndOutcome> RunAsync(TaskOrchestrationContext context, YearEndInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var request = new CycleRequest(input.OfficeId, input.Year, input.SchemeId, input.SchemeVersion);
        var objections = 0;
        for (var round = 1; round <= MaxRounds; round++)
        {
            context.SetCustomStatus(new CycleStatus(CycleStage.Combining, []));
            var scoringId = await context.CallActivityAsync<string>(nameof(CombineYearActivity), request with { Round = round }, WorkflowRetry.Activities);
            var decision = await CycleStages.DecideAsync(context, input.ApprovalRule, input.PartyGroup, input.ChiefId, request with { ScoringId = scoringId, Round = round });
            if (decision.Outcome == DecisionOutcome.Rejected)
            {
                continue;
            }

            var published = await CycleStages.PublishAsync(context, request with { ScoringId = scoringId, Round = round }, input.ObjectionPeriod, input.CountsDeadlines, input.TimersOnTime);
            objections += published.Objections;
            if (published.Reopen.Count > 0)
            {
                continue;
            }

            context.SetCustomStatus(new CycleStatus(CycleStage.Final, []));
            await context.CallActivityAsync<bool>(nameof(FinaliseResultsActivity), request with { ScoringId = scoringId, Round = round }, WorkflowRetry.Activities);
            return new YearEndOutcome(input.OfficeId, input.Year, scoringId, round, objections);
        }

        throw new InvalidOperationException($"year-end {input.OfficeId} {input.Year}: no final result after {MaxRounds} rounds");
    }
}
