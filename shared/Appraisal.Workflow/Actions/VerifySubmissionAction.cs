using System.Text.Json;
using Appraisal.Domain.Cycles;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Submissions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Actions;

/// <summary>The appraisal office's verification (核查) of a department's submission — accept, adjust with a reason, or
/// return for correction: allowed to the appraisal office of that office while the cycle is at verification and
/// awaits that department, in the round it is verifying. Stored and audited, then raised.</summary>
public sealed class VerifySubmissionAction(SubmissionRepository submissions, AuditLog audit, TimeProvider clock)
{
    public const int MaxReasonLength = 2000;

    public async Task RunAsync(DurableTaskClient client, Caller caller, string officeId, string period, string departmentId, VerificationAction action, string? reason, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.Verify, officeId);
        if (action != VerificationAction.Accept && string.IsNullOrWhiteSpace(reason))
        {
            throw new RequestRefusedException(400, "reason", $"expected a reason to {action.ToString().ToLowerInvariant()} a submission, found none", "调整或退回须说明理由");
        }

        if (reason is { Length: > MaxReasonLength })
        {
            throw new RequestRefusedException(400, "reason", $"expected at most {MaxReasonLength} characters, found {reason.Length}", $"理由不能超过 {MaxReasonLength} 字，实际为 {reason.Length} 字");
        }

        var state = await CycleStates.RunningAsync(client, officeId, period, cancel).ConfigureAwait(false);
        CycleStates.RequireStage(state, "period", CycleStage.Verification);
        CycleStates.RequireAwaited(state, departmentId, "departmentId");
        var existing = (await submissions.ForDepartmentAsync(officeId, period, departmentId, cancel).ConfigureAwait(false)).FirstOrDefault(s => s.Value.SubjectId is null)
            ?? throw new RequestRefusedException(404, "departmentId", $"expected a submitted self-evaluation of {departmentId}, found none", $"未找到 {departmentId} 已提交的自查自评");
        var status = action switch { VerificationAction.Return => CycleRecords.Returned, VerificationAction.Adjust => "adjusted", _ => "accepted" };
        await submissions.UpdateAsync(existing.Value with { Status = status }, existing.ETag, cancel).ConfigureAwait(false);
        await audit.AppendAsync(officeId, period, caller.UserId, "submission." + status, departmentId, existing.Value.Status, JsonSerializer.Serialize(new { status, reason }), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        await client.RaiseEventAsync(state.InstanceId, WorkflowEvents.Verified, new VerificationDecision(departmentId, action, reason, state.Round ?? 0), cancel).ConfigureAwait(false);
    }
}
