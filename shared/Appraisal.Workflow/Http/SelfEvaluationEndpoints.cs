using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Appraisal.Domain.Cycles;
using Appraisal.Domain.Periods;
using Appraisal.Storage.Evidence;
using Appraisal.Storage.SelfEvaluations;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>HTTP handlers for people's own self-evaluations (个人自评), handed to their department head while the
/// cycle is at self-evaluation and before its deadline. Each person submits their own; the same Idempotency-Key again
/// is the same request (200, nothing stored twice), a new key revises it. The department head (and the appraisal
/// office) read a department's self-evaluations in one request.</summary>
public static class SelfEvaluationEndpoints
{
    public const int MaxSummaryLength = 4000;

    public const int MaxEvidence = 20;

    /// <summary>POST cycles/{officeId}/{period}/people/{personId}/self-evaluation: 201 stored, 200 revised or repeated.</summary>
    public static Task<IResult> SubmitAsync(HttpRequest request, DurableTaskClient client, string officeId, string period, string personId) =>
        Handler.JsonAsync<SelfEvaluationRequest>(request, AccessRule.SelfEvaluate, officeId, null, async (body, caller, services, cancel) =>
        {
            Access.RequireSelf(caller, personId, "personId");
            var p = QuarterOrYear(period);
            var summary = Handler.Require(body.Summary, "summary").Trim();
            if (summary.Length > MaxSummaryLength)
            {
                throw new RequestRefusedException(400, "summary", $"expected at most {MaxSummaryLength} characters, found {summary.Length}", $"不能超过 {MaxSummaryLength} 字，实际为 {summary.Length} 字");
            }

            if (body.SelfScore is < 0 or > 100 || decimal.Round(body.SelfScore, 2) != body.SelfScore)
            {
                throw new RequestRefusedException(422, "selfScore", $"expected a score from 0 to 100 with at most two decimals, found {body.SelfScore.ToString(CultureInfo.InvariantCulture)}",
                    $"自评分应为 0 至 100（最多两位小数），实际为 {body.SelfScore.ToString(CultureInfo.InvariantCulture)}");
            }

            var evidence = body.Evidence ?? [];
            var key = request.Headers["Idempotency-Key"].FirstOrDefault() is { } header ? IdempotencyKey(header) : null;

            var snapshots = services.GetRequiredService<CycleSnapshots>();
            var org = await snapshots.OrganisationAsync(officeId).ConfigureAwait(false) ?? throw OfficeEndpoints.UnknownOffice(officeId);
            var person = org.FindPerson(personId)
                ?? throw new RequestRefusedException(404, "personId", $"expected a person of {officeId}, found none with id '{personId}'", $"{officeId} 院没有人员 '{personId}'");
            await CheckEvidenceAsync(services, officeId, person.DepartmentId, evidence, cancel).ConfigureAwait(false);
            await RequireOpenAsync(snapshots, client, services.GetRequiredService<TimeProvider>(), officeId, p).ConfigureAwait(false);

            var payload = string.Join('\n', summary, body.SelfScore.ToString(CultureInfo.InvariantCulture), string.Join(',', evidence));
            key ??= Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload)))[..32];
            var record = new SelfEvaluationRecord(officeId, p.ToString(), person.DepartmentId, person.Id, summary, body.SelfScore, evidence,
                services.GetRequiredService<TimeProvider>().GetUtcNow(), key);
            var (stored, outcome) = await services.GetRequiredService<SelfEvaluationRepository>().SubmitAsync(record, cancel).ConfigureAwait(false);
            if (outcome == SelfEvaluationWrite.Repeated && (stored.Value.Summary != summary || stored.Value.SelfScore != body.SelfScore || !stored.Value.Evidence.SequenceEqual(evidence)))
            {
                throw new RequestRefusedException(422, "Idempotency-Key", $"expected a new key for a different self-evaluation, found '{key}' already used for another",
                    $"Idempotency-Key '{key}' 已用于另一份自评，修改后请使用新的键");
            }

            var view = new { personId, departmentId = person.DepartmentId, period = p.ToString(), revision = stored.Value.Revision, outcome = outcome.ToString(), idempotencyKey = key };
            return outcome == SelfEvaluationWrite.Stored
                ? Results.Created($"{request.PathBase}/{EndpointCatalog.RoutePrefix}/cycles/{officeId}/{p}/departments/{person.DepartmentId}/self-evaluations", view)
                : Results.Ok(view);
        });

    /// <summary>GET cycles/{officeId}/{period}/departments/{departmentId}/self-evaluations.</summary>
    public static Task<IResult> ListAsync(HttpRequest request, string officeId, string period, string departmentId) =>
        Handler.RunAsync(request, AccessRule.ReadSelfEvaluations, officeId, null, async (caller, services, cancel) =>
        {
            if (caller is not null && !caller.Roles.Any(r => r is Role.AppraisalOffice or Role.Supervisor) && caller.DepartmentId != departmentId)
            {
                throw new RequestRefusedException(403, Access.Field, $"expected the head of department {departmentId}, found one of {caller.DepartmentId ?? "no department"}",
                    $"部门负责人只能查看本部门的自评，本人部门为 {caller.DepartmentId ?? "（无）"}，请求 {departmentId}");
            }

            var p = QuarterOrYear(period);
            var rows = await services.GetRequiredService<SelfEvaluationRepository>().ForDepartmentAsync(officeId, p.ToString(), departmentId, cancel).ConfigureAwait(false);
            return Results.Json(new { officeId, period = p.ToString(), departmentId, count = rows.Count, selfEvaluations = rows.Select(r => r.Value) }, CycleEndpoints.Json);
        });

    private static async Task RequireOpenAsync(CycleSnapshots snapshots, DurableTaskClient client, TimeProvider clock, string officeId, Period period)
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

    /// <summary>A person cites files uploaded for their own department of their office: any other hash — another
    /// office's or department's file, or none — is the same 422, so citing reveals nothing of what exists elsewhere.</summary>
    private static async Task CheckEvidenceAsync(IServiceProvider services, string officeId, string departmentId, IReadOnlyList<string> evidence, CancellationToken cancel)
    {
        if (evidence.Count > MaxEvidence)
        {
            throw new RequestRefusedException(400, "evidence", $"expected at most {MaxEvidence} files, found {evidence.Count}", $"最多引用 {MaxEvidence} 份证明材料，实际为 {evidence.Count} 份");
        }

        var store = services.GetRequiredService<EvidenceStore>();
        for (var i = 0; i < evidence.Count; i++)
        {
            var sha = evidence[i];
            var field = $"evidence[{i}]";
            if (sha is null || sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower))
            {
                throw new RequestRefusedException(400, field, $"expected a SHA-256 (64 lower-case hexadecimal digits), found '{sha}'", $"应为 64 位小写十六进制摘要，实际为 '{sha}'");
            }

            if (!(await store.UploadsAsync(sha, cancel).ConfigureAwait(false)).Any(u => u.OfficeId == officeId && u.DepartmentId == departmentId))
            {
                throw new RequestRefusedException(422, field, $"expected an evidence file uploaded for department {departmentId}, found none with hash {sha}", $"未找到本部门上传的摘要为 {sha} 的证明材料（请先由部门负责人上传）");
            }
        }
    }

    private static string IdempotencyKey(string key) =>
        key.Length is >= 1 and <= 100 && key.All(c => c is > ' ' and < '\u007f' && c is not ('/' or '\\' or '#' or '?'))
            ? key
            : throw new RequestRefusedException(400, "Idempotency-Key", $"expected 1 to 100 printable ASCII characters (no / \\ # ?), found '{key}'", $"应为 1 至 100 个可打印 ASCII 字符（不含 / \\ # ?），实际为 '{key}'");

    private static Period QuarterOrYear(string period) => Handler.Period(period, "period", PeriodKind.Quarter, PeriodKind.Year);
}
