using System.Security.Cryptography;
using System.Text;
using Appraisal.Domain.Cycles;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Submissions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Actions;

/// <summary>A department's claims as a submission of them would be checked: the cycle's state, the office's
/// organisation, the cycle's decided scheme and the ledger entries read from them.</summary>
public sealed record CheckedClaims(CycleState State, OfficeOrganisation Organisation, Domain.Schemes.Scheme Scheme, string DepartmentId, IReadOnlyList<LedgerEntry> Ledger);

/// <summary>A department's self-evaluation (自查自评) submitted by its head: allowed to the head of that department of
/// that office, while the cycle is at self-evaluation (or at correction, for the department it returned) and the
/// department's window is open. Stored (and audited) first, then raised to the window; the same idempotency key again
/// is the same submission, a different second one conflicts.</summary>
public sealed class SubmitDepartmentAction(CycleRecords records, SubmissionRepository submissions, SchemeRepository schemes, AuditLog audit, TimeProvider clock)
{
    /// <summary>Window attempts tried when looking for a department's open window (the first plus corrections).</summary>
    private const int MaxAttempts = 50;

    public async Task<string> RunAsync(DurableTaskClient client, Caller caller, string officeId, string period, string departmentId, DepartmentClaims claims, string? idempotencyKey, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(claims);
        var (state, org) = await DepartmentAsync(client, caller, officeId, period, departmentId, cancel).ConfigureAwait(false);
        var existing = (await submissions.ForDepartmentAsync(officeId, period, departmentId, cancel).ConfigureAwait(false)).FirstOrDefault(s => s.Value.SubjectId is null);
        var payload = claims.ToPayload();
        var key = idempotencyKey ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload)))[..32];
        if (existing is not null && existing.Value.Status != CycleRecords.Returned && existing.Value.IdempotencyKey == key)
        {
            // A retry of a submission already stored: the same submission. Raised again only while its window is
            // open (a crash between storing and raising), so the window counts it once either way.
            if ((state.Stage == CycleStage.SelfEvaluation || state.Corrects(departmentId)) && await FindOpenWindowAsync(client, state, departmentId, cancel).ConfigureAwait(false) is { } again)
            {
                await client.RaiseEventAsync(again.InstanceId, WorkflowEvents.SubmissionReceived, new SubmissionNotice(departmentId, key, existing.Value.SubmittedAt.UtcDateTime, again.Attempt), cancel).ConfigureAwait(false);
            }

            return key;
        }

        await ReadClaimsAsync(state, org, departmentId, claims, existing?.Value, cancel).ConfigureAwait(false);

        var window = await OpenWindowAsync(client, state, departmentId, cancel).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var record = new SubmissionRecord(officeId, period, departmentId, null, caller.UserId, now, key, "submitted", payload);
        if (existing is not null)
        {
            // A correction: the returned submission is replaced under its ETag.
            await submissions.UpdateAsync(record, existing.ETag, cancel).ConfigureAwait(false);
        }
        else
        {
            await submissions.SubmitAsync(record, cancel).ConfigureAwait(false);
        }

        await audit.AppendOnceAsync(officeId, period, caller.UserId, "submission.stored", $"{departmentId}/{key}", null, null, now, cancel).ConfigureAwait(false);
        await client.RaiseEventAsync(window.InstanceId, WorkflowEvents.SubmissionReceived, new SubmissionNotice(departmentId, key, now.UtcDateTime, window.Attempt), cancel).ConfigureAwait(false);
        return key;
    }

    /// <summary>The claims checked exactly as a submission is — the same caller, department, stage and window rules,
    /// the same reading against the cycle's scheme, no submission standing — and nothing stored: what a preview scores (<see cref="DepartmentPreview"/>).
    /// A problem is the same refusal a submission gets (422 with every row's error).</summary>
    public async Task<CheckedClaims> CheckAsync(DurableTaskClient client, Caller caller, string officeId, string period, string departmentId, DepartmentClaims claims, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(claims);
        var (state, org) = await DepartmentAsync(client, caller, officeId, period, departmentId, cancel).ConfigureAwait(false);
        var existing = (await submissions.ForDepartmentAsync(officeId, period, departmentId, cancel).ConfigureAwait(false)).FirstOrDefault(s => s.Value.SubjectId is null);
        return await ReadClaimsAsync(state, org, departmentId, claims, existing?.Value, cancel).ConfigureAwait(false);
    }

    /// <summary>The guard of both: the head of that department of that office, a running cycle, a department of the
    /// office's organisation.</summary>
    private async Task<(CycleState State, OfficeOrganisation Organisation)> DepartmentAsync(DurableTaskClient client, Caller caller, string officeId, string period, string departmentId, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.Submit, officeId, departmentId);
        var state = await CycleStates.RunningAsync(client, officeId, period, cancel).ConfigureAwait(false);
        var org = await records.OrganisationAsync(officeId, cancel).ConfigureAwait(false);
        if (org.FindDepartment(departmentId) is null)
        {
            throw new RequestRefusedException(404, "departmentId", $"expected a department of {officeId}, found '{departmentId}'", $"应为 {officeId} 的部门，实际为 '{departmentId}'");
        }

        return (state, org);
    }

    /// <summary>The stage and window a new submission needs, its ledger rows read against the cycle's
    /// decided scheme (every problem refused at once with its file, line and field), and no submission standing (none,
    /// or one the office returned).</summary>
    private async Task<CheckedClaims> ReadClaimsAsync(CycleState state, OfficeOrganisation org, string departmentId, DepartmentClaims claims, SubmissionRecord? existing, CancellationToken cancel)
    {
        CycleStates.RequireDepartmentOpen(state, departmentId, "departmentId");
        var scheme = await DecidedSchemeAsync(schemes, state.Quarter!, cancel).ConfigureAwait(false);
        var errors = new InputErrors();
        var ledger = claims.Read(scheme, SubjectSet.For(scheme, org), departmentId, Period.Parse(state.Period), errors);
        if (errors.Any)
        {
            throw new RequestRefusedException(422, "claims", $"expected valid ledger rows, found {errors.Items.Count} problem(s)",
                $"台帐数据有 {errors.Items.Count} 处问题", errors.Items);
        }

        if (existing is not null && existing.Status != CycleRecords.Returned)
        {
            throw new RequestRefusedException(409, "departmentId", $"expected one self-evaluation of {departmentId} for {state.Period}, found one submitted at {existing.SubmittedAt:u}",
                $"{departmentId} 的 {state.Period} 自查自评已于 {existing.SubmittedAt:u} 提交，不能重复提交");
        }

        return new CheckedClaims(state, org, scheme, departmentId, ledger);
    }

    /// <summary>The scheme a quarter runs under: its version, or (while the scheme decision is pending) the latest decided.</summary>
    internal static async Task<Domain.Schemes.Scheme> DecidedSchemeAsync(SchemeRepository schemes, CycleInput input, CancellationToken cancel)
    {
        var stored = input.SchemeVersion is { } v ? await schemes.GetAsync(input.SchemeId, v, cancel).ConfigureAwait(false) : await schemes.LatestDecidedAsync(input.SchemeId, cancel).ConfigureAwait(false);
        return stored?.Scheme ?? throw new RequestRefusedException(409, "schemeId", $"expected the cycle's scheme {input.SchemeId} to be decided, found it undecided", $"考核方案 {input.SchemeId} 尚未决定，暂不能提交");
    }

    /// <summary>The department's open window and the instance its submission is raised to: the cycle itself, while its
    /// status names the department awaited at self-evaluation or correcting (the correction's attempt); for a cycle
    /// started before windows were kept in the cycle, the newest attempt's sub-orchestration that still runs.</summary>
    private static async Task<(string InstanceId, int Attempt)> OpenWindowAsync(DurableTaskClient client, CycleState state, string departmentId, CancellationToken cancel) =>
        await FindOpenWindowAsync(client, state, departmentId, cancel).ConfigureAwait(false)
        ?? throw new RequestRefusedException(409, "departmentId", $"expected an open self-evaluation window of {departmentId}, found it closed (submitted, or past the deadline)",
            $"{departmentId} 的自查自评窗口已关闭（已提交或已过截止时间）");

    private static async Task<(string InstanceId, int Attempt)?> FindOpenWindowAsync(DurableTaskClient client, CycleState state, string departmentId, CancellationToken cancel)
    {
        if (state.Quarter is { WindowsInCycle: true })
        {
            if (state.Correcting.FirstOrDefault(c => c.DepartmentId == departmentId) is { } correction)
            {
                return (state.InstanceId, correction.Attempt);
            }

            return state.Stage == CycleStage.SelfEvaluation && state.Awaits(departmentId) ? (state.InstanceId, 0) : null;
        }

        var (open, attempts) = await WindowsAsync(client, state.InstanceId, departmentId, cancel).ConfigureAwait(false);
        if (attempts == 0)
        {
            // The cycle has started but its department windows are still being created (a moment after the start,
            // or after a restart): not a refusal of the submission, a "not yet".
            throw new RequestRefusedException(503, "departmentId", $"expected an open self-evaluation window of {departmentId}, found it not open yet: retry in a moment",
                $"{departmentId} 的自查自评窗口正在开启，请稍后重试");
        }

        return open is null ? null : (open, attempts - 1);
    }

    private static async Task<(string? Open, int Attempts)> WindowsAsync(DurableTaskClient client, string cycleId, string departmentId, CancellationToken cancel)
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

        return (open, attempt);
    }
}
