using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Appraisal.Domain.Cycles;
using Appraisal.Domain.Periods;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Evidence;
using Appraisal.Storage.Infrastructure;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.SelfEvaluations;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Actions;

/// <summary>What a person's self-evaluation form shows beside the form itself (see <see cref="SelfEvaluationActions.FormAsync"/>).</summary>
public sealed record SelfEvaluationFormData(Domain.Organisation.Person Person, SelfEvaluationRecord? Own, IReadOnlyList<UploadedFile> Files, IReadOnlyList<Domain.Schemes.LedgerItem> Items);

/// <summary>People's own self-evaluations (个人自评): each person submits their own — the signed-in person, of that
/// office — while the cycle is at self-evaluation and before its deadline, citing only files uploaded for their own
/// department; the same key again is the same submission, a new key revises it. A department's self-evaluations are
/// read by its head, the appraisal office and supervisors; its head reviews each person's current revision — accepts
/// it, or returns it with a reason for the person to revise.</summary>
public sealed class SelfEvaluationActions(CycleSnapshots snapshots, SelfEvaluationRepository selfEvaluations, EvidenceStore evidence, SchemeRepository schemes, AuditLog audit, TimeProvider clock)
{
    public const int MaxSummaryLength = 4000;

    /// <summary>The longest reason a head gives for returning (or a note on accepting) a self-evaluation.</summary>
    public const int MaxReviewReasonLength = 2000;

    public const int MaxEvidence = 20;

    public async Task<(Stored<SelfEvaluationRecord> Stored, SelfEvaluationWrite Outcome)> SubmitAsync(
        DurableTaskClient client, Caller caller, string officeId, string period, string personId, SelfEvaluationRequest body, string? idempotencyKey, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(body);
        Access.Authorize(caller, AccessRule.SelfEvaluate, officeId);
        Access.RequireSelf(caller, personId, "personId");
        var p = QuarterOrYear(period);
        var summary = RequestText.Check(Handler.Require(body.Summary, "summary"), "summary", MaxSummaryLength)!;

        if (body.SelfScore is < 0 or > 100 || decimal.Round(body.SelfScore, 2) != body.SelfScore)
        {
            throw new RequestRefusedException(422, "selfScore", $"expected a score from 0 to 100 with at most two decimals, found {body.SelfScore.ToString(CultureInfo.InvariantCulture)}",
                $"自评分应为 0 至 100（最多两位小数），实际为 {body.SelfScore.ToString(CultureInfo.InvariantCulture)}");
        }

        var files = body.Evidence ?? [];
        var key = idempotencyKey is null ? null : IdempotencyKey(idempotencyKey);
        var org = await snapshots.OrganisationAsync(officeId).ConfigureAwait(false) ?? throw ImportActions.UnknownOffice(officeId);
        var person = org.FindPerson(personId)
            ?? throw new RequestRefusedException(404, "personId", $"expected a person of {officeId}, found none with id '{personId}'", $"{officeId} 院没有人员 '{personId}'");
        await CheckEvidenceAsync(officeId, person.DepartmentId, files, cancel).ConfigureAwait(false);
        await RequireOpenAsync(client, officeId, p).ConfigureAwait(false);
        var claims = await CheckClaimsAsync(client, org, person, p, body.Claims ?? [], cancel).ConfigureAwait(false);

        // Changed claims are a new revision: they are part of what the derived key is made of.
        var payload = string.Join('\n', summary, body.SelfScore.ToString(CultureInfo.InvariantCulture), string.Join(',', files), JsonSerializer.Serialize(claims));
        if (key is null && await selfEvaluations.GetAsync(officeId, p.ToString(), person.DepartmentId, person.Id, cancel).ConfigureAwait(false) is { } current)
        {
            var same = current.Value.Summary == summary && current.Value.SelfScore == body.SelfScore && current.Value.Evidence.SequenceEqual(files) && current.Value.ClaimList.SequenceEqual(claims);
            if (same && current.Value.Review != SelfEvaluationReview.Returned)
            {
                return (current, SelfEvaluationWrite.Repeated);
            }

            // Sent again after the head returned it — even unchanged — it is a new revision, up for review again.
            payload += $"\nafter revision {current.Value.Revision}";
        }

        key ??= Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload)))[..32];
        var record = new SelfEvaluationRecord(officeId, p.ToString(), person.DepartmentId, person.Id, summary, body.SelfScore, files, clock.GetUtcNow(), key, Claims: claims);
        var (stored, outcome) = await selfEvaluations.SubmitAsync(record, cancel).ConfigureAwait(false);
        if (outcome == SelfEvaluationWrite.Repeated && (stored.Value.Summary != summary || stored.Value.SelfScore != body.SelfScore || !stored.Value.Evidence.SequenceEqual(files) || !stored.Value.ClaimList.SequenceEqual(claims)))
        {
            throw new RequestRefusedException(422, "Idempotency-Key", $"expected a new key for a different self-evaluation, found '{key}' already used for another",
                $"Idempotency-Key '{key}' 已用于另一份自评，修改后请使用新的键");
        }

        return (stored, outcome);
    }

    /// <summary>The signed-in person's own self-evaluation of a period, as last submitted; null before the first.</summary>
    public async Task<SelfEvaluationRecord?> OwnAsync(Caller caller, string officeId, string period, CancellationToken cancel)
    {
        var p = QuarterOrYear(period);
        var person = await PersonAsync(caller, officeId).ConfigureAwait(false);
        return (await selfEvaluations.ForDepartmentAsync(officeId, p.ToString(), person.DepartmentId, cancel).ConfigureAwait(false))
            .Select(r => r.Value).FirstOrDefault(r => r.PersonId == person.Id);
    }

    /// <summary>The signed-in person as the office's organisation has them (their department is the one their
    /// self-evaluation and its uploads are for); 404 for a caller who is no person of the office.</summary>
    public async Task<Domain.Organisation.Person> PersonAsync(Caller caller, string officeId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.SelfEvaluate, officeId);
        var org = await snapshots.OrganisationAsync(officeId).ConfigureAwait(false) ?? throw ImportActions.UnknownOffice(officeId);
        return org.FindPerson(caller.UserId)
            ?? throw new RequestRefusedException(404, "personId", $"expected a person of {officeId}, found none with id '{caller.UserId}'", $"{officeId} 院没有人员 '{caller.UserId}'");
    }

    /// <summary>What the signed-in person's form offers beside their self-evaluation (null before the first): the
    /// files they uploaded for their department this period (and any other file their self-evaluation cites), and the
    /// ledger items they may claim — the running quarter's scheme's, year-end-only ones left out (none while no
    /// quarter runs or its scheme is undecided).</summary>
    public async Task<SelfEvaluationFormData> FormAsync(DurableTaskClient client, Caller caller, string officeId, string period, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        var own = await OwnAsync(caller, officeId, period, cancel).ConfigureAwait(false);
        var p = QuarterOrYear(period);
        var person = await PersonAsync(caller, officeId).ConfigureAwait(false);
        var cited = own is null ? [] : own.Evidence.Concat(own.ClaimList.Select(c => c.Evidence)).ToHashSet(StringComparer.Ordinal);
        var files = UploadedFile.Of(await audit.ReadAsync(officeId, p.ToString(), cancel).ConfigureAwait(false), person.DepartmentId)
            .Where(f => f.UploadedBy == caller.UserId || cited.Contains(f.Sha256)).ToList();
        IReadOnlyList<Domain.Schemes.LedgerItem> items = [];
        try
        {
            if (p.Kind == PeriodKind.Quarter && (await CycleStates.RunningAsync(client, officeId, p.ToString(), cancel).ConfigureAwait(false)).Quarter is { } quarter)
            {
                items = [.. (await SubmitDepartmentAction.DecidedSchemeAsync(schemes, quarter, cancel).ConfigureAwait(false)).LedgerItems.Where(i => !i.YearEndOnly)];
            }
        }
        catch (RequestRefusedException)
        {
            // No running quarter, or its scheme undecided: nothing to claim against (a submission says why).
        }

        return new SelfEvaluationFormData(person, own, files, items);
    }

    /// <summary>A department's self-evaluations: its own head, or the appraisal office and supervisors of the office.</summary>
    public async Task<IReadOnlyList<Stored<SelfEvaluationRecord>>> ListAsync(Caller caller, string officeId, string period, string departmentId, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ReadSelfEvaluations, officeId);
        if (!caller.Roles.Any(r => r is Role.AppraisalOffice or Role.Supervisor) && caller.DepartmentId != departmentId)
        {
            throw new RequestRefusedException(403, Access.Field, $"expected the head of department {departmentId}, found one of {caller.DepartmentId ?? "no department"}",
                $"部门负责人只能查看本部门的自评，本人部门为 {caller.DepartmentId ?? "（无）"}，请求 {departmentId}");
        }

        return await selfEvaluations.ForDepartmentAsync(officeId, QuarterOrYear(period).ToString(), departmentId, cancel).ConfigureAwait(false);
    }

    /// <summary>The department head reviews a person's self-evaluation — accepts the revision, or returns it with a
    /// reason the person sees on their form and to-do list: the head of that person's own department (not their own
    /// self-evaluation), while the cycle is at self-evaluation (or at correction, for the department it returned), for
    /// the revision the head read (409 when the person has revised since). Stored under the record's ETag (a
    /// concurrent revision or review conflicts, never overwritten) and audited; the same review again changes nothing.</summary>
    public async Task<Stored<SelfEvaluationRecord>> ReviewAsync(
        DurableTaskClient client, Caller caller, string officeId, string period, string personId, bool accept, string? reason, int? revision, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ReviewSelfEvaluations, officeId);
        var p = QuarterOrYear(period);
        var org = await snapshots.OrganisationAsync(officeId).ConfigureAwait(false) ?? throw ImportActions.UnknownOffice(officeId);
        var person = org.FindPerson(personId)
            ?? throw new RequestRefusedException(404, "personId", $"expected a person of {officeId}, found none with id '{personId}'", $"{officeId} 院没有人员 '{personId}'");
        Access.Authorize(caller, AccessRule.ReviewSelfEvaluations, officeId, person.DepartmentId);
        if (person.Id == caller.UserId)
        {
            throw new RequestRefusedException(403, "personId", $"expected another person's self-evaluation, found the caller's own ({personId})", "不能审核本人的个人自评");
        }

        var note = ReviewReason(accept, reason);
        if (revision is not { } read)
        {
            throw new RequestRefusedException(400, "revision", "expected the revision reviewed (as read on the department's sheet), found none", "应注明所审核的自评版本，实际没有");
        }

        var state = await CycleStates.RunningAsync(client, officeId, p.ToString(), cancel).ConfigureAwait(false);
        CycleStates.RequireDepartmentOpen(state, person.DepartmentId, "departmentId");

        var stored = await selfEvaluations.GetAsync(officeId, p.ToString(), person.DepartmentId, person.Id, cancel).ConfigureAwait(false)
            ?? throw new RequestRefusedException(404, "personId", $"expected a submitted self-evaluation of {personId} for {p}, found none", $"{personId} 尚未提交 {p} 的个人自评");
        if (stored.Value.Revision != read)
        {
            throw new RequestRefusedException(409, "revision", $"expected the current revision {stored.Value.Revision} (the person revised it since it was read), found revision {read}",
                $"该自评已修改为第 {stored.Value.Revision} 版（所审核的是第 {read} 版），请查看新版本后再审核");
        }

        var review = accept ? SelfEvaluationReview.Accepted : SelfEvaluationReview.Returned;
        if (stored.Value.Review == review && stored.Value.ReviewReason == note)
        {
            return stored;
        }

        var now = clock.GetUtcNow();
        var reviewed = await selfEvaluations.ReviewAsync(stored, review, note, caller.UserId, now, cancel).ConfigureAwait(false);
        await audit.AppendAsync(officeId, p.ToString(), caller.UserId, "self-evaluation." + (accept ? "accepted" : "returned"), $"{person.Id}/{read}", stored.Value.Review?.ToString(),
            JsonSerializer.Serialize(new { departmentId = person.DepartmentId, revision = read, reason = note }), now, cancel).ConfigureAwait(false);
        return reviewed;
    }

    /// <summary>A return's reason (required) or an acceptance's note (optional): 1 to <see cref="MaxReviewReasonLength"/>
    /// characters on one line, trimmed.</summary>
    private static string? ReviewReason(bool accept, string? reason)
    {
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return accept ? null : throw new RequestRefusedException(400, "reason", $"expected a reason to return the self-evaluation (1 to {MaxReviewReasonLength} characters), found none",
                $"退回须说明理由（1 至 {MaxReviewReasonLength} 字）");
        }

        if (text.Length > MaxReviewReasonLength || text.Any(char.IsControl))
        {
            throw new RequestRefusedException(400, "reason", $"expected 1 to {MaxReviewReasonLength} characters on one line (no control characters), found {text.Length} characters{(text.Any(char.IsControl) ? " with control characters" : string.Empty)}",
                $"理由应为 1 至 {MaxReviewReasonLength} 字的单行文字（不含控制字符），实际为 {text.Length} 字{(text.Any(char.IsControl) ? "且含控制字符" : string.Empty)}");
        }

        return text;
    }

    private async Task RequireOpenAsync(DurableTaskClient client, string officeId, Period period)
    {
        var cycle = await snapshots.CycleAsync(client, CycleStarter.InstanceId(officeId, period)).ConfigureAwait(false)
            ?? throw new RequestRefusedException(404, "period", $"expected a started cycle of {officeId} for {period}, found none", $"未找到 {officeId} {period} 的考核周期");
        if (cycle.Status is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending))
        {
            throw new RequestRefusedException(409, "period", $"expected a running cycle of {officeId} for {period}, found it {cycle.Status.ToString().ToLowerInvariant()}: its results are final",
                $"{officeId} {period} 的考核周期已结束，不能再提交自评");
        }

        if (cycle.Stage != CycleStage.SelfEvaluation)
        {
            throw new RequestRefusedException(409, "period", $"expected the cycle at self-evaluation, found it at {cycle.Stage?.ToString() ?? "its start"}",
                $"{officeId} {period} 的考核周期不在自查自评阶段（当前：{(cycle.Stage is { } stage ? StageNames.Zh(stage) : "启动中")}）");
        }

        if (clock.GetUtcNow().UtcDateTime > cycle.SelfEvaluationDeadlineUtc)
        {
            throw new RequestRefusedException(409, "period", $"expected a self-evaluation before the deadline {cycle.SelfEvaluationDeadlineUtc:u}, found it later",
                $"自评截止时间 {cycle.SelfEvaluationDeadlineUtc:u} 已过");
        }
    }

    /// <summary>The claims checked against the running quarter's scheme (none: nothing read); a year's self-evaluation
    /// takes none — year-end items are the appraisal office's ledger of the year.</summary>
    private async Task<IReadOnlyList<SelfEvaluationClaim>> CheckClaimsAsync(DurableTaskClient client, Domain.Organisation.OfficeOrganisation org, Domain.Organisation.Person person, Period period,
        IReadOnlyList<SelfEvaluationClaimRequest?> claims, CancellationToken cancel)
    {
        if (claims.Count == 0)
        {
            return [];
        }

        var state = await CycleStates.RunningAsync(client, org.Office.Id, period.ToString(), cancel).ConfigureAwait(false);
        if (state.Quarter is not { } quarter)
        {
            throw new RequestRefusedException(400, "claims", $"expected claims in a quarter's self-evaluation only, found {claims.Count} in {period}'s",
                $"仅季度个人自评可申报加减分，{period} 的自评申报了 {claims.Count} 项");
        }

        var scheme = await SubmitDepartmentAction.DecidedSchemeAsync(schemes, quarter, cancel).ConfigureAwait(false);
        return await SelfEvaluationClaims.CheckAsync(scheme, org, person, period, claims,
            async sha => (await evidence.UploadsAsync(sha, cancel).ConfigureAwait(false)).Any(u => u.OfficeId == org.Office.Id && u.DepartmentId == person.DepartmentId)).ConfigureAwait(false);
    }

    /// <summary>A person cites files uploaded for their own department of their office: any other hash — another
    /// office's or department's file, or none — is the same 422, so citing reveals nothing of what exists elsewhere.</summary>
    private async Task CheckEvidenceAsync(string officeId, string departmentId, IReadOnlyList<string> files, CancellationToken cancel)
    {
        if (files.Count > MaxEvidence)
        {
            throw new RequestRefusedException(400, "evidence", $"expected at most {MaxEvidence} files, found {files.Count}", $"最多引用 {MaxEvidence} 份证明材料，实际为 {files.Count} 份");
        }

        for (var i = 0; i < files.Count; i++)
        {
            var sha = files[i];
            var field = $"evidence[{i}]";
            if (sha is null || sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower))
            {
                throw new RequestRefusedException(400, field, $"expected a SHA-256 (64 lower-case hexadecimal digits), found '{sha}'", $"应为 64 位小写十六进制摘要，实际为 '{sha}'");
            }

            if (!(await evidence.UploadsAsync(sha, cancel).ConfigureAwait(false)).Any(u => u.OfficeId == officeId && u.DepartmentId == departmentId))
            {
                throw new RequestRefusedException(422, field, $"expected an evidence file uploaded for department {departmentId}, found none with hash {sha}", $"未找到本部门上传的摘要为 {sha} 的证明材料（请先上传）");
            }
        }
    }

    private static string IdempotencyKey(string key) =>
        key.Length is >= 1 and <= 100 && key.All(c => c is > ' ' and < '\u007f' && c is not ('/' or '\\' or '#' or '?'))
            ? key
            : throw new RequestRefusedException(400, "Idempotency-Key", $"expected 1 to 100 printable ASCII characters (no / \\ # ?), found '{key}'", $"应为 1 至 100 个可打印 ASCII 字符（不含 / \\ # ?），实际为 '{key}'");

    private static Period QuarterOrYear(string period) => Handler.Period(period, "period", PeriodKind.Quarter, PeriodKind.Year);
}
