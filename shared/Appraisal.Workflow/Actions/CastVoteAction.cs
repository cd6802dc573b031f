using System.Text.Json;
using Appraisal.Domain.Cycles;
using Appraisal.Domain.Decisions;
using Appraisal.Storage.Audit;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Actions;

/// <summary>A Party-group member's vote on the results (党组审议), from the API or an emailed link: allowed to a member
/// of that office's Party group, for themselves, while the cycle is at its decision, for the round being decided, and
/// only while the cycle still awaits that member. One audit entry per member and round, however often it is sent.</summary>
public sealed class CastVoteAction(AuditLog audit, TimeProvider clock)
{
    public const int MaxReasonLength = 2000;

    /// <summary>Checks the caller against the cycle — a member of its office, awaited at its decision, in the round being
    /// decided — and returns the state it was checked against, to record the vote under.</summary>
    public async Task<CycleState> GuardAsync(DurableTaskClient client, Caller caller, string officeId, string period, int? round, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.Decide, officeId);
        var state = await CycleStates.RunningAsync(client, officeId, period, cancel).ConfigureAwait(false);
        CycleStates.RequireStage(state, "period", CycleStage.Decision);
        CycleStates.RequireRound(state, round, "round");
        CycleStates.RequireAwaited(state, caller.UserId, Access.Field);
        return state;
    }

    /// <summary>Checks the reason, guards, records and raises the caller's vote.</summary>
    public async Task<Vote> RunAsync(DurableTaskClient client, Caller caller, string officeId, string period, bool approve, string? reason, int? round, CancellationToken cancel)
    {
        if (!approve && string.IsNullOrWhiteSpace(reason))
        {
            throw new RequestRefusedException(400, "reason", "expected a reason to reject the results, found none", "不同意须说明理由");
        }

        var why = RequestText.Check(reason, "reason", MaxReasonLength);
        var state = await GuardAsync(client, caller, officeId, period, round, cancel).ConfigureAwait(false);
        var vote = new Vote(caller.UserId, approve, why, state.Round);
        await RecordAsync(client, state, vote, cancel).ConfigureAwait(false);
        return vote;
    }

    /// <summary>A rejection needs a reason; no reason is longer than <see cref="MaxReasonLength"/> or holds control
    /// characters other than line breaks.</summary>
    public static bool IsReasonValid(bool approve, string? reason) =>
        (approve || !string.IsNullOrWhiteSpace(reason)) && Domain.Inputs.TextRules.IsValid(reason?.Trim(), MaxReasonLength, true, out _, out _);

    /// <summary>Records a vote already guarded against <paramref name="state"/> (audited once per member and round), then raises it.</summary>
    public async Task RecordAsync(DurableTaskClient client, CycleState state, Vote vote, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(vote);
        var target = $"{state.InstanceId}/round-{vote.Round}/{vote.MemberId}";
        var chain = await audit.ReadAsync(state.OfficeId, state.Period, cancel).ConfigureAwait(false);
        if (!chain.Any(e => e.Target == target && e.Action.StartsWith("decision.", StringComparison.Ordinal)))
        {
            await audit.AppendAsync(state.OfficeId, state.Period, vote.MemberId, vote.Approve ? "decision.approved" : "decision.rejected", target, null,
                JsonSerializer.Serialize(new { reason = vote.Reason, round = vote.Round }), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        }

        await client.RaiseEventAsync(state.InstanceId, WorkflowEvents.ApprovalDecision, vote, cancel).ConfigureAwait(false);
    }
}
