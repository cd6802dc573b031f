using System.Text.Json;
using Appraisal.Domain.Cycles;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Submissions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Actions;

/// <summary>The appraisal office's verification (核查) of a department's submission — accept, adjust with a reason, or
/// return for correction — and its verdicts on single ledger claims (adjusted to the occurrences found, or rejected,
/// each with its reason: scored so when adjusted, shown to the department beside its claims when returned): allowed to
/// the appraisal office of that office while the cycle is at verification and awaits that department, in the round it
/// is verifying. Stored and audited, then raised.</summary>
public sealed class VerifySubmissionAction(SubmissionRepository submissions, AuditLog audit, TimeProvider clock)
{
    public const int MaxReasonLength = 2000;

    /// <summary>The longest reason for one claim's verdict.</summary>
    public const int MaxClaimReasonLength = 500;

    public async Task RunAsync(DurableTaskClient client, Caller caller, string officeId, string period, string departmentId, VerificationAction action, string? reason,
        IReadOnlyList<ClaimDecision>? claims, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.Verify, officeId);
        if (action != VerificationAction.Accept && string.IsNullOrWhiteSpace(reason))
        {
            throw new RequestRefusedException(400, "reason", $"expected a reason to {action.ToString().ToLowerInvariant()} a submission, found none", "调整或退回须说明理由");
        }

        RequestText.Check(reason, "reason", MaxReasonLength);

        var state = await CycleStates.RunningAsync(client, officeId, period, cancel).ConfigureAwait(false);
        CycleStates.RequireStage(state, "period", CycleStage.Verification);
        CycleStates.RequireAwaited(state, departmentId, "departmentId");
        var existing = (await submissions.ForDepartmentAsync(officeId, period, departmentId, cancel).ConfigureAwait(false)).FirstOrDefault(s => s.Value.SubjectId is null)
            ?? throw new RequestRefusedException(404, "departmentId", $"expected a submitted self-evaluation of {departmentId}, found none", $"未找到 {departmentId} 已提交的自查自评");
        var submitted = DepartmentClaims.FromPayload(existing.Value.Payload);
        var decisions = CheckClaims(claims, action, submitted.ClaimLines());
        var status = action switch { VerificationAction.Return => CycleRecords.Returned, VerificationAction.Adjust => "adjusted", _ => "accepted" };
        var payload = (submitted with { Decisions = decisions.Count == 0 ? null : decisions }).ToPayload();
        await submissions.UpdateAsync(existing.Value with { Status = status, Payload = payload }, existing.ETag, cancel).ConfigureAwait(false);
        var recorded = decisions.Select(d => new { line = d.Line, verdict = d.Verdict.ToString(), occurrences = d.Occurrences, reason = d.Reason });
        await audit.AppendAsync(officeId, period, caller.UserId, "submission." + status, departmentId, existing.Value.Status,
            JsonSerializer.Serialize(new { status, reason, claims = recorded }), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        await client.RaiseEventAsync(state.InstanceId, WorkflowEvents.Verified, new VerificationDecision(departmentId, action, reason, state.Round ?? 0), cancel).ConfigureAwait(false);
    }

    /// <summary>The verdicts on single claims, each checked against the submitted claims: a claim by its line, once; an
    /// adjustment to another whole number of occurrences; a reason for each. Accepting everything as claimed while
    /// changing claims is a contradiction the office is asked to resolve.</summary>
    private static List<ClaimDecision> CheckClaims(IReadOnlyList<ClaimDecision>? claims, VerificationAction action, IReadOnlyDictionary<int, int> lines)
    {
        if (claims is not { Count: > 0 })
        {
            return [];
        }

        var checkedClaims = new List<ClaimDecision>();
        var range = lines.Count == 0 ? "none" : $"{lines.Keys.First()}–{lines.Keys.Last()}";
        for (var i = 0; i < claims.Count; i++)
        {
            var claim = claims[i] ?? throw new RequestRefusedException(400, $"claims[{i}]", "expected a claim's verdict, found null", "单项核查意见不能为空");
            if (!lines.TryGetValue(claim.Line, out var claimed))
            {
                throw new RequestRefusedException(400, $"claims[{i}].line", $"expected the line of a claim in the submitted ledger.csv ({range}), found {claim.Line}",
                    $"应为所提交台帐中一项申报的行号（{range}），实际为 {claim.Line}");
            }

            if (checkedClaims.Any(c => c.Line == claim.Line))
            {
                throw new RequestRefusedException(400, $"claims[{i}].line", $"expected each claim once, found line {claim.Line} again", $"第 {claim.Line} 行的申报已有核查意见，不能重复");
            }

            if (!Enum.IsDefined(claim.Verdict))
            {
                throw new RequestRefusedException(400, $"claims[{i}].verdict", $"expected Adjusted or Rejected, found '{claim.Verdict}'", $"应为“调整次数”或“不予认定”，实际为 '{claim.Verdict}'");
            }

            if (claim.Verdict == LedgerVerdict.Adjusted && (claim.Occurrences is not { } found || found is < 1 or > 1000 || found == claimed))
            {
                throw new RequestRefusedException(400, $"claims[{i}].occurrences",
                    $"expected the occurrences found: a whole number from 1 to 1000 other than the {claimed} claimed, found {claim.Occurrences?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}",
                    $"核定次数应为 1 至 1000 的整数，且不同于申报的 {claimed} 次（全部不认定请选“不予认定”），实际为 {claim.Occurrences?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "空"}");
            }

            var why = claim.Reason?.Trim();
            if (string.IsNullOrEmpty(why) || why.Length > MaxClaimReasonLength || why.Any(char.IsControl))
            {
                throw new RequestRefusedException(400, $"claims[{i}].reason",
                    $"expected a reason of 1 to {MaxClaimReasonLength} characters without control characters, found {(string.IsNullOrEmpty(why) ? "none" : $"{why.Length} characters")}",
                    $"调整或不予认定须说明理由（1 至 {MaxClaimReasonLength} 字，不含控制字符），实际为{(string.IsNullOrEmpty(why) ? "空" : $" {why.Length} 字")}");
            }

            checkedClaims.Add(claim with { Occurrences = claim.Verdict == LedgerVerdict.Adjusted ? claim.Occurrences : null, Reason = why });
        }

        if (action == VerificationAction.Accept)
        {
            throw new RequestRefusedException(400, "action", "expected Adjust or Return when claims are adjusted or rejected, found Accept",
                "已对单项台帐作出调整或不予认定，核查意见应为“调整后通过”或“退回”");
        }

        return checkedClaims;
    }
}
