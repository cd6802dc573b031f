using Appraisal.Domain.Cycles;
using Appraisal.Domain.Periods;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.YearEnd;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Actions;

/// <summary>Reads a cycle's state for the guards: the orchestration's custom status is where the cycle says what
/// stage it is at and whom it awaits, so a guard asks it rather than keeping a copy that could drift.</summary>
public static class CycleStates
{
    /// <summary>The running cycle of an office for a quarter or a year: 400 for another period, 404 when none was
    /// started, 409 once it has ended (its results are final).</summary>
    public static async Task<CycleState> RunningAsync(DurableTaskClient client, string officeId, string period, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (id, p) = Instance(officeId, period);
        return Running(await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancel).ConfigureAwait(false), id, officeId, period, p);
    }

    /// <summary>The running cycle as <see cref="RunningAsync"/> reads it, but shared through <paramref name="snapshots"/>:
    /// its status and stage at most <see cref="CycleSnapshots.CycleFreshness"/> old. Only for a guard that checks no
    /// stage and whose own rule is read afresh — the raters' questionnaire, whose window's close is checked against the
    /// clock and whose seal is read on every request.</summary>
    public static async Task<CycleState> RecentAsync(CycleSnapshots snapshots, DurableTaskClient client, string officeId, string period)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(client);
        var (id, p) = Instance(officeId, period);
        return Running(await snapshots.InstanceAsync(client, id).ConfigureAwait(false), id, officeId, period, p);
    }

    private static (string InstanceId, Period Period) Instance(string officeId, string period)
    {
        if (!Period.TryParse(period, out var p, out var reason) || p.Kind == PeriodKind.Month)
        {
            throw new RequestRefusedException(400, "period", $"expected a quarter or a year, found '{period}' {reason}".TrimEnd(), $"应为季度或年度，实际为 '{period}' {reason}".TrimEnd());
        }

        return (CycleStarter.InstanceId(officeId, p), p);
    }

    private static CycleState Running(OrchestrationMetadata? instance, string id, string officeId, string period, Period p)
    {
        if (instance is null)
        {
            throw new RequestRefusedException(404, "period", $"expected a started cycle of {officeId} for {period}, found none", $"未找到 {officeId} {period} 的考核周期");
        }

        if (instance.RuntimeStatus is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending))
        {
            throw new RequestRefusedException(409, "period", $"expected a running cycle of {officeId} for {period}, found it {instance.RuntimeStatus.ToString().ToLowerInvariant()}: its results are final",
                $"{officeId} {period} 的考核周期已{(instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? "结束，结果已为最终结果" : "停止")}，不能再更改");
        }

        // No status yet: the cycle is at its start.
        var status = CycleStatus.Read(instance.SerializedCustomStatus);

        return p.Kind == PeriodKind.Year
            ? new CycleState(id, officeId, p.ToString(), status?.Stage ?? CycleStage.Started, status?.Awaiting ?? [], status?.Round, status?.UntilUtc, null, instance.ReadInputAs<YearEndInput>())
            : new CycleState(id, officeId, p.ToString(), status?.Stage ?? CycleStage.Started, status?.Awaiting ?? [], status?.Round, status?.UntilUtc, instance.ReadInputAs<CycleInput>(), null)
            {
                Correcting = status?.Correcting ?? [],
            };
    }

    /// <summary>Refuses an action of a stage the cycle is not at — not yet, or no longer — with 409 naming both.</summary>
    public static void RequireStage(CycleState state, string field, params CycleStage[] stages)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!stages.Contains(state.Stage))
        {
            throw new RequestRefusedException(409, field, $"expected the cycle {state.OfficeId} {state.Period} at {string.Join(" or ", stages)}, found it at {state.Stage}",
                $"{state.OfficeId} {state.Period} 的考核周期应处于{string.Join("或", stages.Select(StageNames.Zh))}阶段，当前为{StageNames.Zh(state.Stage)}阶段");
        }
    }

    /// <summary>Refuses what a department does towards its submission — submit it, review its people's self-evaluations
    /// — unless the cycle is at self-evaluation, or the department is correcting the submission the office returned
    /// (which it does while the office verifies the others): 409 naming who is correcting, or the stage.</summary>
    public static void RequireDepartmentOpen(CycleState state, string departmentId, string field)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Stage == CycleStage.SelfEvaluation || state.Corrects(departmentId))
        {
            return;
        }

        if (state.Stage == CycleStage.Started && state.Quarter is not null)
        {
            // Started a moment ago: the cycle has not yet opened the departments' windows. Not a refusal, a "not yet".
            throw new RequestRefusedException(503, "departmentId", $"expected the cycle {state.OfficeId} {state.Period} at self-evaluation, found it opening the windows: retry in a moment",
                $"{state.OfficeId} {state.Period} 的考核周期正在开启自查自评窗口，请稍后重试")
            { RetryAfter = TimeSpan.FromSeconds(2) };
        }

        if (state.Stage == CycleStage.Correction || state.Correcting.Count > 0)
        {
            var correcting = state.Correcting.Count > 0 ? state.Correcting.Select(c => c.DepartmentId).ToList() : state.Awaiting;
            throw new RequestRefusedException(409, field, $"expected a department correcting a returned submission ({string.Join(", ", correcting)}), found '{departmentId}'",
                $"退回补正的是 {string.Join("、", correcting)}，'{departmentId}' 不在其中（已提交，或未被退回）");
        }

        RequireStage(state, "period", CycleStage.SelfEvaluation, CycleStage.Correction);
    }

    /// <summary>Refuses an action for someone or something the cycle does not await at its stage (already done, or
    /// never asked) with 409.</summary>
    public static void RequireAwaited(CycleState state, string id, string field)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Awaits(id))
        {
            throw new RequestRefusedException(409, field, $"expected one the cycle awaits at {state.Stage} ({string.Join(", ", state.Awaiting)}), found '{id}'",
                $"{StageNames.Zh(state.Stage)}阶段等待的是 {string.Join("、", state.Awaiting)}，'{id}' 不在其中（已办理或无需办理）");
        }
    }

    /// <summary>Refuses an action that answers another round than the one the cycle is at (a stale page or link):
    /// 400 without a round, 409 with another.</summary>
    public static void RequireRound(CycleState state, int? round, string field)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (round is null)
        {
            throw new RequestRefusedException(400, field, $"expected the round this answers (the cycle is at round {state.Round}), found none", $"应注明所答复的轮次（当前为第 {state.Round} 轮），实际没有");
        }

        if (round != state.Round)
        {
            throw new RequestRefusedException(409, field, $"expected round {state.Round} (the one being decided), found round {round}", $"当前审议的是第 {state.Round} 轮，实际为第 {round} 轮");
        }
    }
}
