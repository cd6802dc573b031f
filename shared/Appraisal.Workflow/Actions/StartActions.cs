using System.Text.Json;
using Appraisal.Domain.Periods;
using Appraisal.Storage.Audit;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Province;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Actions;

/// <summary>Starting an office's period (quarter: the cycle; month: the bulletin; year: the year-end appraisal) by its
/// appraisal office, or a province's quarter by a province-level administrator — the caller checked, then the starter
/// (which the calendar's timers use directly, as the system); a start by a person is audited under them. Starting what
/// already runs starts nothing and records nothing.</summary>
public sealed class StartActions(CycleStarter cycles, ProvinceStarter provinces, AuditLog audit, TimeProvider clock)
{
    public async Task<(string InstanceId, bool Started)> StartCycleAsync(DurableTaskClient client, Caller caller, CycleStart start, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(start);
        Access.Authorize(caller, AccessRule.StartCycle, start.OfficeId ?? string.Empty);
        var (id, started) = await cycles.StartAsync(client, start, cancel).ConfigureAwait(false);
        if (started)
        {
            await audit.AppendOnceAsync(start.OfficeId!, Period.Parse(start.Period).ToString(), caller.UserId, "cycle.started", id, null,
                JsonSerializer.Serialize(new { start.SchemeId, start.SchemeVersion }), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        }

        return (id, started);
    }

    public async Task<(string InstanceId, bool Started, int Offices)> StartProvinceAsync(DurableTaskClient client, Caller caller, ProvinceStart start, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(start);
        Access.Authorize(caller, AccessRule.StartProvince);
        var (id, started, offices) = await provinces.StartAsync(client, start, cancel).ConfigureAwait(false);
        if (started)
        {
            await audit.AppendOnceAsync("province-" + start.ProvinceId, start.Period, caller.UserId, "province.started", id, null,
                JsonSerializer.Serialize(new { offices }), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        }

        return (id, started, offices);
    }
}
