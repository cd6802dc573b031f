using System.Text.Json;
using Appraisal.Domain.Cycles;
using Appraisal.Storage.Audit;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Actions;

/// <summary>An objection (异议) to a published result: allowed to staff of that office for their own result and to a
/// department head for their department's people, while the results are published and the objection period runs.
/// The filer recorded is the caller.</summary>
public sealed class FileObjectionAction(CycleRecords records, AuditLog audit, TimeProvider clock)
{
    public const int MaxReasonLength = 2000;

    public async Task<string> RunAsync(DurableTaskClient client, Caller caller, string officeId, string period, string? subjectId, string? reason, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.Object, officeId);
        var subject = Require(subjectId, "subjectId");
        var grounds = RequestText.Check(Require(reason, "reason", "expected the grounds of the objection, found none", "异议须说明理由"), "reason", MaxReasonLength)!;

        var org = await records.OrganisationAsync(officeId, cancel).ConfigureAwait(false);
        var department = org.People.FirstOrDefault(p => p.Id == subject)?.DepartmentId ?? org.FindDepartment(subject)?.Id;
        if (caller.UserId != subject && !(caller.Has(Role.DepartmentHead) && department is not null && department == caller.DepartmentId))
        {
            throw new RequestRefusedException(403, "subjectId", $"expected the signed-in person's own result or (for a department head) their department's, found '{subject}'",
                $"只能对本人（部门负责人可对本部门）的结果提出异议，实际为 '{subject}'");
        }

        if (department is null)
        {
            throw new RequestRefusedException(404, "subjectId", $"expected a person or department of {officeId}, found '{subject}'", $"应为 {officeId} 的人员或部门，实际为 '{subject}'");
        }

        var state = await CycleStates.RunningAsync(client, officeId, period, cancel).ConfigureAwait(false);
        CycleStates.RequireStage(state, "period", CycleStage.Publication);
        var now = clock.GetUtcNow();
        if (state.UntilUtc is { } until && now.UtcDateTime >= until)
        {
            throw new RequestRefusedException(409, "period", $"expected an objection before the objection period ends at {until:u}, found it later", $"公示期已于 {until:u} 结束，不能再提出异议");
        }

        var entry = await audit.AppendAsync(officeId, period, caller.UserId, "objection.filed", subject, null, JsonSerializer.Serialize(new { reason = grounds }), now, cancel).ConfigureAwait(false);
        var key = $"objection-{entry.Sequence}";
        await client.RaiseEventAsync(state.InstanceId, WorkflowEvents.ObjectionFiled, new ObjectionFiled(subject, department, key, state.Round ?? 0), cancel).ConfigureAwait(false);
        return key;
    }

    private static string Require(string? value, string field, string? expected = null, string? expectedZh = null) =>
        string.IsNullOrWhiteSpace(value) ? throw new RequestRefusedException(400, field, expected ?? "expected a value, found none", expectedZh ?? "必填，实际为空") : value.Trim();
}
