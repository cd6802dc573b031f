using System.Text.Json;
using Appraisal.Domain.Cycles;
using Appraisal.Storage.Audit;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Actions;

/// <summary>An objection awaiting the appraisal office's review: whose result, which department, who filed it, why, when.</summary>
public sealed record PendingObjection(string SubjectId, string SubjectName, string DepartmentId, string DepartmentName, string FiledBy, string Reason, DateTimeOffset FiledAt);

/// <summary>The appraisal office's review of the objections (异议复核) — which departments it reopens: allowed to the
/// appraisal office of that office once the objection period is over and the cycle awaits the review, for that
/// round. The reviewer recorded is the caller.</summary>
public sealed class ReviewObjectionsAction(CycleRecords records, AuditLog audit, TimeProvider clock)
{
    /// <summary>The objections of the current round not reviewed yet, oldest first, with the department each concerns,
    /// and the cycle's state: what the appraisal office reviews.</summary>
    public async Task<(CycleState State, IReadOnlyList<PendingObjection> Objections)> PendingAsync(DurableTaskClient client, Caller caller, string officeId, string period, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ReadVerification, officeId);
        var state = await CycleStates.RunningAsync(client, officeId, period, cancel).ConfigureAwait(false);
        var org = await records.OrganisationAsync(officeId, cancel).ConfigureAwait(false);
        var entries = await audit.ReadAsync(officeId, state.Period, cancel).ConfigureAwait(false);
        var lastReview = entries.LastOrDefault(e => e.Action == "objections.reviewed")?.Sequence ?? -1;
        var pending = new List<PendingObjection>();
        foreach (var filed in entries.Where(e => e.Action == "objection.filed" && e.Sequence > lastReview))
        {
            var person = org.FindPerson(filed.Target);
            var department = person?.DepartmentId ?? filed.Target;
            var reason = ObjectionHistory.Field(filed.After, "reason");
            pending.Add(new PendingObjection(filed.Target, person?.Name ?? org.FindDepartment(filed.Target)?.Name ?? filed.Target, department,
                org.FindDepartment(department)?.Name ?? department, filed.Actor, reason ?? string.Empty, filed.At));
        }

        return (state, pending);
    }

    public async Task RunAsync(DurableTaskClient client, Caller caller, string officeId, string period, IReadOnlyList<string>? reopen, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.Verify, officeId);
        var departments = (reopen ?? []).Distinct(StringComparer.Ordinal).ToList();
        var org = await records.OrganisationAsync(officeId, cancel).ConfigureAwait(false);
        if (departments.FirstOrDefault(d => org.FindDepartment(d) is null) is { } unknown)
        {
            throw new RequestRefusedException(404, "reopenDepartments", $"expected departments of {officeId}, found '{unknown}'", $"应为 {officeId} 的部门，实际为 '{unknown}'");
        }

        var state = await CycleStates.RunningAsync(client, officeId, period, cancel).ConfigureAwait(false);
        CycleStates.RequireStage(state, "period", CycleStage.ObjectionReview);
        await audit.AppendAsync(officeId, period, caller.UserId, "objections.reviewed", state.InstanceId, null, JsonSerializer.Serialize(new { reopen = departments, round = state.Round }), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        await client.RaiseEventAsync(state.InstanceId, WorkflowEvents.ObjectionsReviewed, new ObjectionsReviewed(departments, state.Round ?? 0), cancel).ConfigureAwait(false);
    }
}
