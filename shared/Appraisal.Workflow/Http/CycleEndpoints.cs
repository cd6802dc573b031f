using System.Text.Json;
using System.Text.Json.Serialization;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>HTTP handlers for cycles: start and status, and what people do to a running cycle (submit, verify, decide
/// the scheme, vote, object, review objections). Host-agnostic: the Functions app and the self-host map the same
/// handlers. Every refusal is an RFC 9457 problem with the field, what was expected and what was found; nothing is
/// stored before the request is known good.</summary>
public static class CycleEndpoints
{
    /// <summary>The largest request accepted, in bytes (4 MiB: a department's ledger CSV, an organisation).</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>How the endpoints read and write JSON: web defaults, enums by name, Chinese text as itself (not \u escapes).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>POST cycles: starts the office's orchestration for the period (quarter, month or year); 202 with the
    /// status URL when started now, 200 when it was already there.</summary>
    public static Task<IResult> StartAsync(HttpRequest request, DurableTaskClient client) =>
        Handler.JsonAsync<CycleStart>(request, AccessRule.StartCycle, null, null, async (start, caller, services, cancel) =>
        {
            var (id, started) = await services.GetRequiredService<StartActions>().StartCycleAsync(client, caller!, start, cancel).ConfigureAwait(false);
            var location = $"{request.PathBase}{request.Path}/{start.OfficeId}/{start.Period}";
            var body = new { instanceId = id, started, statusUrl = location };
            return started ? Results.Accepted(location, body) : Results.Ok(body);
        });

    /// <summary>GET cycles/{officeId}/{period}: the orchestration's status — stage, what it awaits, and the outcome once done.</summary>
    public static Task<IResult> StatusAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        Handler.RunAsync(request, AccessRule.ReadCycle, officeId, null, async (caller, services, cancel) =>
            StatusOf(request, await services.GetRequiredService<ResultQueries>().CycleStatusAsync(client, caller!, officeId, period, cancel).ConfigureAwait(false)));

    /// <summary>The problem type of an orchestration that failed or was terminated (RFC 9457 allows any URI).</summary>
    public const string StoppedProblemType = "urn:appraisal:problem:cycle-stopped";

    /// <summary>An orchestration's status as the status endpoints answer it. An instance that failed or was terminated
    /// is still a status (200): its output is not a result, and <c>problem</c> says, as an RFC 9457 problem, what
    /// stopped it and that starting the period again (POST cycles) resumes from the stored records. Stored text that
    /// is not JSON is answered as a string, never a 500.</summary>
    public static IResult StatusOf(HttpRequest request, OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(instance);
        var stopped = instance.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
        return Results.Json(new
        {
            instanceId = instance.InstanceId,
            runtimeStatus = instance.RuntimeStatus.ToString(),
            customStatus = JsonOrText(instance.SerializedCustomStatus),
            createdAt = instance.CreatedAt,
            lastUpdatedAt = instance.LastUpdatedAt,
            output = stopped ? null : JsonOrText(instance.SerializedOutput),
            problem = stopped ? StoppedProblem(request, instance) : null,
        }, Json);
    }

    private static Dictionary<string, object?> StoppedProblem(HttpRequest request, OrchestrationMetadata instance)
    {
        var language = RequestLanguage.Of(request);
        var failed = instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed;
        // The stored reason is the orchestration's own error text: shown bounded and without control characters.
        var reason = Printable(instance.FailureDetails?.ErrorMessage ?? (failed ? null : instance.SerializedOutput) ?? string.Empty, 500);
        return new Dictionary<string, object?>
        {
            ["type"] = StoppedProblemType,
            ["title"] = failed ? Problems.Text(language, "考核周期运行失败", "The cycle failed") : Problems.Text(language, "考核周期已被终止", "The cycle was terminated"),
            ["detail"] = Problems.Text(language,
                $"{instance.InstanceId} 已停止{(reason.Length > 0 ? "：" + reason : string.Empty)}。已保存的记录不会丢失；重新启动该院该期间（POST cycles）即从已保存的记录继续。",
                $"{instance.InstanceId} stopped{(reason.Length > 0 ? ": " + reason : string.Empty)}. The stored records are kept; starting the office's period again (POST cycles) continues from them."),
            ["instance"] = request.Path.HasValue ? request.Path.Value : null,
            ["errorType"] = instance.FailureDetails?.ErrorType,
        };
    }

    private static object? JsonOrText(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(value).RootElement;
        }
        catch (JsonException)
        {
            return value;
        }
    }

    private static string Printable(string text, int max)
    {
        var clean = new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        return clean.Length <= max ? clean : clean[..max] + "…";
    }

    /// <summary>POST cycles/{officeId}/{period}/departments/{departmentId}/submission (Idempotency-Key honoured).</summary>
    public static Task<IResult> SubmitAsync(HttpRequest request, DurableTaskClient client, string officeId, string period, string departmentId) =>
        Handler.JsonAsync<SubmissionRequest>(request, AccessRule.Submit, officeId, departmentId, async (body, caller, services, cancel) =>
        {
            var key = request.Headers["Idempotency-Key"].FirstOrDefault();
            var stored = await services.GetRequiredService<SubmitDepartmentAction>().RunAsync(client, caller!, officeId, period, departmentId,
                body.Claims(), key, cancel).ConfigureAwait(false);
            return Results.Accepted(value: new { submissionKey = stored, departmentId });
        });

    /// <summary>POST cycles/{officeId}/{period}/departments/{departmentId}/verification.</summary>
    public static Task<IResult> VerifyAsync(HttpRequest request, DurableTaskClient client, string officeId, string period, string departmentId) =>
        Handler.JsonAsync<VerificationRequest>(request, AccessRule.Verify, officeId, null, async (body, caller, services, cancel) =>
        {
            await services.GetRequiredService<VerifySubmissionAction>().RunAsync(client, caller!, officeId, period, departmentId, body.Action, body.Reason, body.Claims, cancel).ConfigureAwait(false);
            return Results.Accepted(value: new { departmentId, action = body.Action.ToString() });
        });

    /// <summary>POST cycles/{officeId}/{period}/scheme-decision.</summary>
    public static Task<IResult> DecideSchemeAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        Handler.JsonAsync<SchemeDecisionRequest>(request, AccessRule.Decide, officeId, null, async (body, caller, services, cancel) =>
        {
            var version = await services.GetRequiredService<DecideSchemeAction>().RunAsync(client, caller!, officeId, period, body.SchemeVersion, cancel).ConfigureAwait(false);
            return Results.Accepted(value: new { schemeVersion = version, decidedBy = caller!.UserId });
        });

    /// <summary>POST cycles/{officeId}/{period}/votes.</summary>
    public static Task<IResult> VoteAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        Handler.JsonAsync<VoteRequest>(request, AccessRule.Decide, officeId, null, async (body, caller, services, cancel) =>
        {
            var vote = await services.GetRequiredService<CastVoteAction>().RunAsync(client, caller!, officeId, period, body.Approve, body.Reason, body.Round, cancel).ConfigureAwait(false);
            return Results.Accepted(value: new { vote.MemberId, vote.Approve, vote.Round });
        });

    /// <summary>POST cycles/{officeId}/{period}/objections.</summary>
    public static Task<IResult> ObjectAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        Handler.JsonAsync<ObjectionRequest>(request, AccessRule.Object, officeId, null, async (body, caller, services, cancel) =>
        {
            var key = await services.GetRequiredService<FileObjectionAction>().RunAsync(client, caller!, officeId, period, body.SubjectId, body.Reason, cancel).ConfigureAwait(false);
            return Results.Accepted(value: new { objectionKey = key });
        });

    /// <summary>POST cycles/{officeId}/{period}/objection-review.</summary>
    public static Task<IResult> ReviewObjectionsAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        Handler.JsonAsync<ObjectionReviewRequest>(request, AccessRule.Verify, officeId, null, async (body, caller, services, cancel) =>
        {
            await services.GetRequiredService<ReviewObjectionsAction>().RunAsync(client, caller!, officeId, period, body.ReopenDepartments, cancel).ConfigureAwait(false);
            return Results.Accepted(value: new { reopen = body.ReopenDepartments ?? [] });
        });
}
