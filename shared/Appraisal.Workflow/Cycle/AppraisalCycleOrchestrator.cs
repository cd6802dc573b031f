using Appraisal.Domain.Cycles;
using Appraisal.Domain.Decisions;
using Microsoft.DurableTask;

namespace Appraisal.Workflow.Cycle;

/// <summary>One office's appraisal cycle for one period: scheme decision when none is decided → department
/// self-evaluation (a sub-orchestration each) → verification (accept, adjust, or return for correction, looping) →
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

        context.SetCustomStatus(new CycleStatus(CycleStage.SelfEvaluation, input.Departments));
        var outcomes = (await Task.WhenAll(input.Departments.Select(d => SelfEvaluateAsync(context, input, d, input.SelfEvaluationDeadlineUtc, 0))))
            .ToDictionary(o => o.DepartmentId, StringComparer.Ordinal);
        var corrections = input.Departments.ToDictionary(d => d, _ => 0, StringComparer.Ordinal);

        var toVerify = Submitted(outcomes, input.Departments);
        var rounds = 0;
        var objections = 0;
        while (rounds < MaxRounds)
        {
            await VerifyAsync(context, input, toVerify, outcomes, corrections, rounds + 1);

            context.SetCustomStatus(new CycleStatus(CycleStage.Scoring, []));
            rounds++;
            var scoringId = await context.CallActivityAsync<string>(nameof(ScoreCycleActivity), request with { Round = rounds });

            var decision = await CycleStages.DecideAsync(context, input.ApprovalRule, input.PartyGroup, input.ChiefId, request with { ScoringId = scoringId, Round = rounds });
            if (decision.Outcome == DecisionOutcome.Rejected)
            {
                // A rejection sends every submission back to verification, with the members' reasons on record.
                toVerify = Submitted(outcomes, input.Departments);
                continue;
            }

            var published = await CycleStages.PublishAsync(context, request with { ScoringId = scoringId, Round = rounds }, input.ObjectionPeriod);
            objections += published.Objections;
            if (published.Reopen.Count > 0)
            {
                toVerify = published.Reopen.Where(outcomes.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
                continue;
            }

            context.SetCustomStatus(new CycleStatus(CycleStage.Final, []));
            await context.CallActivityAsync<bool>(nameof(FinaliseResultsActivity), request with { ScoringId = scoringId, Round = rounds });
            return new CycleOutcome(input.OfficeId, input.Period, version, scoringId, input.Departments.Select(d => outcomes[d]).ToList(), rounds, objections);
        }

        throw new InvalidOperationException($"cycle {input.OfficeId} {input.Period}: no final result after {MaxRounds} verification and decision rounds");
    }

    private static async Task<int> DecideSchemeAsync(TaskOrchestrationContext context, CycleInput input)
    {
        context.SetCustomStatus(new CycleStatus(CycleStage.SchemeDecision, input.PartyGroup));
        await context.CallActivityAsync<bool>(nameof(RequestSchemeDecisionActivity), new CycleRequest(input.OfficeId, input.Period, input.SchemeId, 0));
        return await context.WaitForExternalEvent<int>(WorkflowEvents.SchemeDecided);
    }

    private static Task<SelfEvaluationOutcome> SelfEvaluateAsync(TaskOrchestrationContext context, CycleInput input, string department, DateTime deadline, int attempt)
    {
        var window = new DepartmentWindow(input.OfficeId, input.Period, department, deadline, attempt == 0 ? input.RemindBefore : TimeSpan.Zero, input.LatePolicy, input.Grace);
        var options = new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}:dept:{department}:{attempt}" };
        return context.CallSubOrchestratorAsync<SelfEvaluationOutcome>(nameof(DepartmentSelfEvaluationOrchestrator), window, options);
    }

    /// <summary>Waits for the office's verification of every submission in <paramref name="pending"/>; a returned
    /// submission goes back to its department with a new deadline and is verified again once resubmitted.</summary>
    private static async Task VerifyAsync(TaskOrchestrationContext context, CycleInput input, List<string> pending,
        Dictionary<string, SelfEvaluationOutcome> outcomes, Dictionary<string, int> corrections, int round)
    {
        var awaiting = new List<string>(pending);
        while (awaiting.Count > 0)
        {
            context.SetCustomStatus(new CycleStatus(CycleStage.Verification, awaiting, Round: round));
            var decision = await context.WaitForExternalEvent<VerificationDecision>(WorkflowEvents.Verified);
            if (decision.Round != round || !awaiting.Contains(decision.DepartmentId, StringComparer.Ordinal))
            {
                continue;
            }

            if (decision.Action != VerificationAction.Return)
            {
                awaiting.Remove(decision.DepartmentId);
                continue;
            }

            var attempt = ++corrections[decision.DepartmentId];
            context.SetCustomStatus(new CycleStatus(CycleStage.Correction, [decision.DepartmentId], Round: round));
            var corrected = await SelfEvaluateAsync(context, input, decision.DepartmentId, context.CurrentUtcDateTime + input.CorrectionTime, attempt);
            outcomes[decision.DepartmentId] = corrected;
            if (corrected.Status == SelfEvaluationStatus.Missing)
            {
                awaiting.Remove(decision.DepartmentId);
            }
        }
    }

    private static List<string> Submitted(Dictionary<string, SelfEvaluationOutcome> outcomes, IReadOnlyList<string> departments) =>
        departments.Where(d => outcomes[d].Status != SelfEvaluationStatus.Missing).ToList();
}
