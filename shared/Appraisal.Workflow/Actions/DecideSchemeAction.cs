using Appraisal.Domain.Cycles;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Actions;

/// <summary>The Party group's decision of the cycle's scheme (方案决定): allowed to a member of that office's Party
/// group while the cycle awaits the scheme's decision, and only for a version of the office's own scheme that was
/// submitted for decision (a draft is not decided, another office's scheme never). The decider recorded is the caller.</summary>
public sealed class DecideSchemeAction(SchemeRepository schemes, AuditLog audit, TimeProvider clock)
{
    public async Task<int> RunAsync(DurableTaskClient client, Caller caller, string officeId, string period, int? version, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.Decide, officeId);
        var state = await CycleStates.RunningAsync(client, officeId, period, cancel).ConfigureAwait(false);
        CycleStates.RequireStage(state, "period", CycleStage.SchemeDecision);
        CycleStates.RequireAwaited(state, caller.UserId, Access.Field);
        var versions = (await schemes.VersionsAsync(state.SchemeId, cancel).ConfigureAwait(false)).Where(v => v.OfficeId == officeId).ToList();
        var target = (version is null ? versions.LastOrDefault(v => v.Status != SchemeStatus.Draft) : versions.FirstOrDefault(s => s.Scheme.Version == version))
            ?? throw new RequestRefusedException(404, "schemeVersion", $"expected a submitted version of {officeId}'s scheme {state.SchemeId}, found {(version is null ? "none" : $"no version {version}")}",
                $"未找到本院方案 {state.SchemeId} {(version is null ? "已提交的版本" : $"的第 {version} 版")}");
        if (target.Status == SchemeStatus.Draft)
        {
            throw new RequestRefusedException(409, "schemeVersion", $"expected a version submitted for decision, found version {target.Scheme.Version} still a draft",
                $"方案 {state.SchemeId} 第 {target.Scheme.Version} 版仍是草稿，须先提交审议");
        }

        if (target.Status != SchemeStatus.Decided)
        {
            var now = clock.GetUtcNow();
            await schemes.DecideAsync(state.SchemeId, target.Scheme.Version, caller.UserId, now, target.ETag, cancel).ConfigureAwait(false);
            await audit.AppendAsync(officeId, period, caller.UserId, "scheme.decided", $"{state.SchemeId}@{target.Scheme.Version}", null, null, now, cancel).ConfigureAwait(false);
        }

        await client.RaiseEventAsync(state.InstanceId, WorkflowEvents.SchemeDecided, target.Scheme.Version, cancel).ConfigureAwait(false);
        return target.Scheme.Version;
    }
}
