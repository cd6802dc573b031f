using Appraisal.Domain.Periods;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Cycle;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Province;

/// <summary>Starts a province's quarter under its deterministic instance id after checking the whole request: the
/// period is a quarter, every office is imported, the scheme is stored, the batch size is in range. Starting it again
/// starts nothing. Each office's own input is built later, in the fan-out, from its organisation.
/// The shared self-evaluation deadline is counted once, here (in working days, or moved off a day off), so every office
/// has the same one.</summary>
public sealed class ProvinceStarter(OrganisationRepository organisation, SchemeRepository schemes, CycleOptions options, TimeProvider clock,
    Calendar.IWorkingCalendarSource? calendars = null, Schedules.ScheduleOptions? schedule = null)
{
    public async Task<(string InstanceId, bool Started, int Offices)> StartAsync(DurableTaskClient client, ProvinceStart start, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(start);
        if (string.IsNullOrWhiteSpace(start.ProvinceId) || start.ProvinceId.Length > 64 || start.ProvinceId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            var tooLong = start.ProvinceId?.Length > 64;
            throw new RequestRefusedException(400, "provinceId", $"expected 1 to 64 letters, digits, '-' or '_', found {(tooLong ? $"{start.ProvinceId!.Length} characters" : $"'{start.ProvinceId}'")}",
                $"应为 1 至 64 个字母、数字、'-' 或 '_'，实际为 {(tooLong ? $"{start.ProvinceId!.Length} 个字符" : $"'{start.ProvinceId}'")}");
        }

        if (!Period.TryParse(start.Period, out var period, out var reason) || period.Kind != PeriodKind.Quarter)
        {
            throw new RequestRefusedException(400, "period", $"expected a quarter such as 2026-Q1, found '{start.Period}'{(period.Kind == PeriodKind.Quarter ? $" ({reason})" : "")}",
                $"应为季度，如 2026-Q1，实际为 '{start.Period}'");
        }

        var batch = start.BatchSize ?? ProvinceInput.DefaultBatchSize;
        if (batch is < 1 or > ProvinceInput.MaxBatchSize)
        {
            throw new RequestRefusedException(400, "batchSize", $"expected 1 to {ProvinceInput.MaxBatchSize}, found {batch}", $"应为 1 至 {ProvinceInput.MaxBatchSize}，实际为 {batch}");
        }

        var errors = new Domain.Inputs.InputErrors();
        CycleStarter.Durations(new CycleStart("", period.ToString(), SelfEvaluationTime: start.SelfEvaluationTime, RemindBefore: start.RemindBefore, Grace: start.Grace,
            CorrectionTime: start.CorrectionTime, ObjectionPeriod: start.ObjectionPeriod, RatingTime: start.RatingTime), clock.GetUtcNow().UtcDateTime, errors);
        CycleStarter.Refuse(errors);
        if (start.OfficeIds is { Count: > ProvinceInput.MaxOffices } many)
        {
            throw new RequestRefusedException(400, "officeIds", $"expected at most {ProvinceInput.MaxOffices} offices, found {many.Count}", $"至多 {ProvinceInput.MaxOffices} 个院，实际为 {many.Count} 个");
        }

        var imported = await organisation.OfficeIdsAsync(cancel).ConfigureAwait(false);
        var offices = start.OfficeIds is { } asked ? asked.Distinct(StringComparer.Ordinal).ToList() : [.. imported];
        if (offices.Count == 0)
        {
            throw new RequestRefusedException(422, "officeIds", "expected at least one imported office, found none", "应至少有一个已导入的院，目前没有");
        }

        var missing = offices.Except(imported, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new RequestRefusedException(404, "officeIds", $"expected imported offices, found none with id {string.Join(", ", missing.Take(10).Select(m => $"'{m}'"))}",
                $"应为已导入的院，未找到 {string.Join("、", missing.Take(10))}");
        }

        var schemeId = start.SchemeId ?? options.SchemeId;
        if ((await schemes.VersionsAsync(schemeId, cancel).ConfigureAwait(false)).Count == 0)
        {
            throw new RequestRefusedException(404, "schemeId", $"expected a stored scheme, found none with id '{schemeId}'", $"应为已存储的考核方案，未找到 '{schemeId}'");
        }

        var instanceId = ProvinceInput.InstanceIdOf(start.ProvinceId, period.ToString());
        if (await client.GetInstanceAsync(instanceId, cancel).ConfigureAwait(false) is { } existing && Array.IndexOf(CycleStarter.Taken, existing.RuntimeStatus) >= 0)
        {
            return (instanceId, false, offices.Count);
        }

        var calendar = await (calendars ?? new Calendar.ShippedCalendarSource()).CurrentAsync(cancel).ConfigureAwait(false);
        DateTime deadline;
        try
        {
            deadline = Calendar.StageDeadlines.End(calendar, Schedules.Checkpoints.Zone(schedule?.TimeZone), clock.GetUtcNow().UtcDateTime, start.SelfEvaluationTime ?? options.SelfEvaluationTime);
        }
        catch (Domain.Calendar.CalendarYearMissingException lacking)
        {
            throw Calendar.StageDeadlines.Refusal("selfEvaluationTime", lacking);
        }

        // Each office takes the counted deadline as given, and refuses one further off than the longest self-evaluation
        // time: refused here, once, rather than in every office after the start was accepted (40 working days over
        // 春节 run past 60 calendar days).
        var latest = clock.GetUtcNow().UtcDateTime + DurationLimit.SelfEvaluationTime.Max;
        if (deadline > latest)
        {
            throw new RequestRefusedException(400, "selfEvaluationTime",
                $"expected a self-evaluation ending at most {DurationLimit.Days(DurationLimit.SelfEvaluationTime.Max)} days from now (by {latest:u}), found it counted to {deadline:u}",
                $"自评期限应在 {DurationLimit.Days(DurationLimit.SelfEvaluationTime.Max)} 天之内结束（{latest:u} 之前），按所填时长计算为 {deadline:u}");
        }

        var settings = new CycleStart("", period.ToString(), schemeId, start.SchemeVersion, null, start.RemindBefore, start.Grace, start.CorrectionTime,
            start.ObjectionPeriod, start.LatePolicy, deadline, start.RatingTime);
        var input = new ProvinceInput(start.ProvinceId, period.ToString(), settings, offices, batch);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(ProvinceCycleOrchestrator), input, new StartOrchestrationOptions(instanceId).WithDedupeStatuses(CycleStarter.Taken), cancel).ConfigureAwait(false);
            return (instanceId, true, offices.Count);
        }
        catch (Exception ex) when (CycleStarter.IsAlreadyThere(ex))
        {
            return (instanceId, false, offices.Count);
        }
    }
}
