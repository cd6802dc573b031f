using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Appraisal.Domain.Decisions;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Submissions;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Cycle;

/// <summary>What people do to a running cycle — submit, verify, decide the scheme, vote, object, review objections —
/// each checked, then stored (and audited), and only then raised as the event the orchestration waits for: if the
/// orchestration is not waiting yet, or the host crashes, the record is there.</summary>
public sealed class CycleEvents(CycleRecords records, SubmissionRepository submissions, SchemeRepository schemes, AuditLog audit, CycleOptions options, TimeProvider clock)
{
    /// <summary>Window attempts tried when looking for a department's open window (the first plus corrections).</summary>
    private const int MaxAttempts = 50;

    /// <summary>Stores a department's self-evaluation and tells its window. The same idempotency key again is the same
    /// submission; a second, different one conflicts; a closed window (deadline and grace passed) refuses it.</summary>
    public async Task<string> SubmitAsync(DurableTaskClient client, string officeId, string period, string departmentId, string submittedBy, DepartmentClaims claims, string? idempotencyKey, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(claims);
        var cycle = await RunningCycleAsync(client, officeId, period, cancel).ConfigureAwait(false);
        var org = await records.OrganisationAsync(officeId, cancel).ConfigureAwait(false);
        if (org.FindDepartment(departmentId) is null)
        {
            throw new RequestRefusedException(404, "departmentId", $"expected a department of {officeId}, found '{departmentId}'", $"应为 {officeId} 的部门，实际为 '{departmentId}'");
        }

        var input = cycle.ReadInputAs<CycleInput>()!;
        var scheme = await SchemeForAsync(input, cancel).ConfigureAwait(false);
        var errors = new InputErrors();
        claims.Read(scheme, SubjectSet.For(scheme, org), departmentId, Period.Parse(period), errors);
        if (errors.Any)
        {
            throw new RequestRefusedException(422, "claims", $"expected valid ratings and ledger rows, found {errors.Items.Count} problem(s)",
                $"评分与台帐数据有 {errors.Items.Count} 处问题", errors.Items);
        }

        var payload = claims.ToPayload();
        var key = idempotencyKey ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload)))[..32];
        var now = clock.GetUtcNow();
        var record = new SubmissionRecord(officeId, period, departmentId, null, submittedBy, now, key, "submitted", payload);
        var existing = (await submissions.ForDepartmentAsync(officeId, period, departmentId, cancel).ConfigureAwait(false)).FirstOrDefault(s => s.Value.SubjectId is null);
        string window;
        try
        {
            window = await OpenWindowAsync(client, cycle.InstanceId, departmentId, cancel).ConfigureAwait(false);
        }
        catch (RequestRefusedException) when (existing is not null && existing.Value.Status != CycleRecords.Returned && existing.Value.IdempotencyKey == key)
        {
            // A retry of a submission the window already took: the same submission, nothing to do again.
            return key;
        }

        if (existing is { Value.Status: CycleRecords.Returned })
        {
            // A correction: the returned submission is replaced under its ETag.
            await submissions.UpdateAsync(record, existing.ETag, cancel).ConfigureAwait(false);
        }
        else if (existing is not null && existing.Value.IdempotencyKey != key)
        {
            throw new RequestRefusedException(409, "departmentId", $"expected one self-evaluation of {departmentId} for {period}, found one submitted at {existing.Value.SubmittedAt:u}",
                $"{departmentId} 的 {period} 自查自评已于 {existing.Value.SubmittedAt:u} 提交，不能重复提交");
        }
        else if (existing is null)
        {
            await submissions.SubmitAsync(record, cancel).ConfigureAwait(false);
        }

        await audit.AppendOnceAsync(officeId, period, submittedBy, "submission.stored", $"{departmentId}/{key}", null, null, now, cancel).ConfigureAwait(false);
        await client.RaiseEventAsync(window, WorkflowEvents.SubmissionReceived, new SubmissionNotice(departmentId, key, now.UtcDateTime), cancel).ConfigureAwait(false);
        return key;
    }

    /// <summary>Records the office's verification of a department's submission, then tells the cycle.</summary>
    public async Task VerifyAsync(DurableTaskClient client, string officeId, string period, string departmentId, VerificationAction action, string? reason, string verifiedBy, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (action != VerificationAction.Accept && string.IsNullOrWhiteSpace(reason))
        {
            throw new RequestRefusedException(400, "reason", $"expected a reason to {action.ToString().ToLowerInvariant()} a submission, found none", "调整或退回须说明理由");
        }

        var cycle = await RunningCycleAsync(client, officeId, period, cancel).ConfigureAwait(false);
        var existing = (await submissions.ForDepartmentAsync(officeId, period, departmentId, cancel).ConfigureAwait(false)).FirstOrDefault(s => s.Value.SubjectId is null)
            ?? throw new RequestRefusedException(404, "departmentId", $"expected a submitted self-evaluation of {departmentId}, found none", $"未找到 {departmentId} 已提交的自查自评");
        var status = action switch { VerificationAction.Return => CycleRecords.Returned, VerificationAction.Adjust => "adjusted", _ => "accepted" };
        await submissions.UpdateAsync(existing.Value with { Status = status }, existing.ETag, cancel).ConfigureAwait(false);
        await audit.AppendAsync(officeId, period, verifiedBy, "submission." + status, departmentId, existing.Value.Status, JsonSerializer.Serialize(new { status, reason }), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        await client.RaiseEventAsync(cycle.InstanceId, WorkflowEvents.Verified, new VerificationDecision(departmentId, action, reason), cancel).ConfigureAwait(false);
    }

    /// <summary>Decides the scheme's draft in storage (the Party group's decision), then tells the waiting cycle.</summary>
    public async Task<int> DecideSchemeAsync(DurableTaskClient client, string officeId, string period, int? version, string decidedBy, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        var cycle = await RunningCycleAsync(client, officeId, period, cancel).ConfigureAwait(false);
        var input = cycle.ReadInputAs<CycleInput>()!;
        var versions = await schemes.VersionsAsync(input.SchemeId, cancel).ConfigureAwait(false);
        var target = (version is null ? versions.LastOrDefault() : versions.FirstOrDefault(s => s.Scheme.Version == version))
            ?? throw new RequestRefusedException(404, "schemeVersion", $"expected a stored version of {input.SchemeId}, found '{version}'", $"未找到 {input.SchemeId} 的第 {version} 版");
        if (target.Status != SchemeStatus.Decided)
        {
            await schemes.DecideAsync(input.SchemeId, target.Scheme.Version, decidedBy, clock.GetUtcNow(), target.ETag, cancel).ConfigureAwait(false);
            await audit.AppendAsync(officeId, period, decidedBy, "scheme.decided", $"{input.SchemeId}@{target.Scheme.Version}", null, null, clock.GetUtcNow(), cancel).ConfigureAwait(false);
        }

        await client.RaiseEventAsync(cycle.InstanceId, WorkflowEvents.SchemeDecided, target.Scheme.Version, cancel).ConfigureAwait(false);
        return target.Scheme.Version;
    }

    /// <summary>Records a Party-group member's vote on the results, then tells the cycle (or the year-end appraisal).</summary>
    public async Task VoteAsync(DurableTaskClient client, string officeId, string period, Vote vote, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(vote);
        var cycle = await RunningCycleAsync(client, officeId, period, cancel).ConfigureAwait(false);
        var org = await records.OrganisationAsync(officeId, cancel).ConfigureAwait(false);
        if (!CycleRecords.PartyGroup(org, options).Members.Contains(vote.MemberId, StringComparer.Ordinal))
        {
            throw new RequestRefusedException(403, "memberId", $"expected a member of the Party group of {officeId}, found '{vote.MemberId}'", $"应为 {officeId} 院党组成员，实际为 '{vote.MemberId}'");
        }

        if (!vote.Approve && string.IsNullOrWhiteSpace(vote.Reason))
        {
            throw new RequestRefusedException(400, "reason", "expected a reason to reject the results, found none", "不同意须说明理由");
        }

        await audit.AppendAsync(officeId, period, vote.MemberId, vote.Approve ? "decision.approved" : "decision.rejected", cycle.InstanceId, null, JsonSerializer.Serialize(new { reason = vote.Reason }), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        await client.RaiseEventAsync(cycle.InstanceId, WorkflowEvents.ApprovalDecision, vote, cancel).ConfigureAwait(false);
    }

    /// <summary>Records an objection (异议) to a published result, then tells the cycle.</summary>
    public async Task<string> ObjectAsync(DurableTaskClient client, string officeId, string period, string subjectId, string reason, string filedBy, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        var cycle = await RunningCycleAsync(client, officeId, period, cancel).ConfigureAwait(false);
        var org = await records.OrganisationAsync(officeId, cancel).ConfigureAwait(false);
        var department = org.People.FirstOrDefault(p => p.Id == subjectId)?.DepartmentId ?? org.FindDepartment(subjectId)?.Id
            ?? throw new RequestRefusedException(404, "subjectId", $"expected a person or department of {officeId}, found '{subjectId}'", $"应为 {officeId} 的人员或部门，实际为 '{subjectId}'");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new RequestRefusedException(400, "reason", "expected the grounds of the objection, found none", "异议须说明理由");
        }

        var entry = await audit.AppendAsync(officeId, period, filedBy, "objection.filed", subjectId, null, JsonSerializer.Serialize(new { reason }), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        var key = $"objection-{entry.Sequence}";
        await client.RaiseEventAsync(cycle.InstanceId, WorkflowEvents.ObjectionFiled, new ObjectionFiled(subjectId, department, key), cancel).ConfigureAwait(false);
        return key;
    }

    /// <summary>Records the office's review of the objections — which departments it reopens — then tells the cycle.</summary>
    public async Task ReviewObjectionsAsync(DurableTaskClient client, string officeId, string period, IReadOnlyList<string> reopen, string reviewedBy, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(reopen);
        var cycle = await RunningCycleAsync(client, officeId, period, cancel).ConfigureAwait(false);
        var org = await records.OrganisationAsync(officeId, cancel).ConfigureAwait(false);
        if (reopen.FirstOrDefault(d => org.FindDepartment(d) is null) is { } unknown)
        {
            throw new RequestRefusedException(404, "reopenDepartments", $"expected departments of {officeId}, found '{unknown}'", $"应为 {officeId} 的部门，实际为 '{unknown}'");
        }

        await audit.AppendAsync(officeId, period, reviewedBy, "objections.reviewed", cycle.InstanceId, null, JsonSerializer.Serialize(new { reopen }), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        await client.RaiseEventAsync(cycle.InstanceId, WorkflowEvents.ObjectionsReviewed, new ObjectionsReviewed(reopen), cancel).ConfigureAwait(false);
    }

    private async Task<OrchestrationMetadata> RunningCycleAsync(DurableTaskClient client, string officeId, string period, CancellationToken cancel)
    {
        if (!Period.TryParse(period, out var p, out var reason) || p.Kind == PeriodKind.Month)
        {
            throw new RequestRefusedException(400, "period", $"expected a quarter or a year, found '{period}' {reason}".TrimEnd(), $"应为季度或年度，实际为 '{period}' {reason}".TrimEnd());
        }

        var id = CycleStarter.InstanceId(officeId, p);
        var cycle = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancel).ConfigureAwait(false)
            ?? throw new RequestRefusedException(404, "period", $"expected a started cycle of {officeId} for {period}, found none", $"未找到 {officeId} {period} 的考核周期");
        if (cycle.RuntimeStatus is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending))
        {
            throw new RequestRefusedException(409, "period", $"expected a running cycle of {officeId} for {period}, found it {cycle.RuntimeStatus.ToString().ToLowerInvariant()}: its results are final",
                $"{officeId} {period} 的考核周期已{(cycle.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? "结束，结果已为最终结果" : "停止")}，不能再更改");
        }

        return cycle;
    }

    private async Task<Domain.Schemes.Scheme> SchemeForAsync(CycleInput input, CancellationToken cancel)
    {
        var stored = input.SchemeVersion is { } v ? await schemes.GetAsync(input.SchemeId, v, cancel).ConfigureAwait(false) : await schemes.LatestDecidedAsync(input.SchemeId, cancel).ConfigureAwait(false);
        return stored?.Scheme ?? throw new RequestRefusedException(409, "schemeId", $"expected the cycle's scheme {input.SchemeId} to be decided, found it undecided", $"考核方案 {input.SchemeId} 尚未决定，暂不能提交");
    }

    /// <summary>The department's open window: the newest attempt's sub-orchestration that still runs.</summary>
    private static async Task<string> OpenWindowAsync(DurableTaskClient client, string cycleId, string departmentId, CancellationToken cancel)
    {
        string? open = null;
        var attempt = 0;
        for (; attempt < MaxAttempts; attempt++)
        {
            var id = $"{cycleId}:dept:{departmentId}:{attempt}";
            var window = await client.GetInstanceAsync(id, cancel).ConfigureAwait(false);
            if (window is null)
            {
                break;
            }

            open = window.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending ? id : null;
        }

        if (attempt == 0)
        {
            // The cycle has started but its department windows are still being created (a moment after the start,
            // or after a restart): not a refusal of the submission, a "not yet".
            throw new RequestRefusedException(503, "departmentId", $"expected an open self-evaluation window of {departmentId}, found it not open yet: retry in a moment",
                $"{departmentId} 的自查自评窗口正在开启，请稍后重试");
        }

        return open ?? throw new RequestRefusedException(409, "departmentId", $"expected an open self-evaluation window of {departmentId}, found it closed (submitted, or past the deadline)",
            $"{departmentId} 的自查自评窗口已关闭（已提交或已过截止时间）");
    }
}
