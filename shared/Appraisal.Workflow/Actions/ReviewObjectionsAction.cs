using System.Text.Json;
using Appraisal.Domain.Cycles;
using Appraisal.Storage.Audit;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Actions;

/// <summary>The appraisal office's review of the objections (异议复核) — which departments it reopens: allowed to the
/// appraisal office of that office once the objection period is over and the cycle awaits the review, for that
/// round. The reviewer recorded is the caller.</summary>
public sealed class ReviewObjectionsAction(CycleRecords records, AuditLog audit, TimeProvider clock)
{
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
