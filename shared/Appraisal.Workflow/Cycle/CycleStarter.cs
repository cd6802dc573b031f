using Appraisal.Domain.Calendar;
using Appraisal.Domain.Cycles;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Storage;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Bulletins;
using Appraisal.Workflow.Calendar;
using Appraisal.Workflow.Ratings;
using Appraisal.Workflow.Schedules;
using Appraisal.Workflow.YearEnd;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Cycle;

/// <summary>Starts an office's orchestration for a period — the quarterly cycle, the monthly bulletin or the year-end
/// appraisal, by the period's kind — under its deterministic instance id. Starting what already runs (a repeated
/// timer fire, a retried request) starts nothing and answers with the instance that is there. The deadlines known at
/// the start (self-evaluation, its grace, a rating window beside it) are counted here against the working-day calendar
/// in force (<paramref name="calendars"/>, in the zone of <paramref name="schedule"/>; the shipped calendar and Beijing
/// time when not given), never in an orchestrator.</summary>
public sealed class CycleStarter(OrganisationRepository organisation, SchemeRepository schemes, CycleRepository cycles, CycleOptions options, TimeProvider clock,
    IWorkingCalendarSource? calendars = null, ScheduleOptions? schedule = null)
{
    /// <summary>The "file" a start request's errors name: the request itself.</summary>
    private const string Request = "request";

    /// <summary>Statuses under which an instance id is taken; a failed or terminated one may be started again.</summary>
    internal static readonly OrchestrationRuntimeStatus[] Taken =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Suspended];

    /// <summary>The instance id of an office's orchestration for a period: <c>cycle-</c>, <c>bulletin-</c> or <c>yearend-</c>.</summary>
    public static string InstanceId(string officeId, Period period) => period.Kind switch
    {
        PeriodKind.Quarter => $"cycle-{officeId}-{period}",
        PeriodKind.Month => $"bulletin-{officeId}-{period}",
        _ => $"yearend-{officeId}-{period}",
    };

    /// <summary>Checks the request against storage, then starts the orchestration. Returns its instance id and whether
    /// this call started it.</summary>
    public async Task<(string InstanceId, bool Started)> StartAsync(DurableTaskClient client, CycleStart start, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(start);
        var (org, period) = await OfficeAsync(start, cancel).ConfigureAwait(false);
        var instanceId = InstanceId(org.Office.Id, period);
        if (await client.GetInstanceAsync(instanceId, cancel).ConfigureAwait(false) is { } existing && Array.IndexOf(Taken, existing.RuntimeStatus) >= 0)
        {
            return (instanceId, false);
        }

        var input = await PrepareAsync(org, period, start, cancel).ConfigureAwait(false);
        TaskName orchestrator = period.Kind switch
        {
            PeriodKind.Month => nameof(MonthlyBulletinOrchestrator),
            PeriodKind.Year => nameof(YearEndAppraisalOrchestrator),
            _ => nameof(AppraisalCycleOrchestrator),
        };

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId).WithDedupeStatuses(Taken), cancel).ConfigureAwait(false);
            return (instanceId, true);
        }
        catch (Exception ex) when (IsAlreadyThere(ex))
        {
            return (instanceId, false);
        }
    }

    /// <summary>Builds one office's quarterly <see cref="CycleInput"/> from its own organisation (departments, Party
    /// group) and records the cycle — what a province's fan-out does for each office, in an activity.</summary>
    public async Task<CycleInput> PrepareQuarterAsync(CycleStart start, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(start);
        var (org, period) = await OfficeAsync(start, cancel).ConfigureAwait(false);
        if (period.Kind != PeriodKind.Quarter)
        {
            throw new RequestRefusedException(400, "period", $"expected a quarter such as 2026-Q1, found '{start.Period}'", $"应为季度，如 2026-Q1，实际为 '{start.Period}'");
        }

        return (CycleInput)await PrepareAsync(org, period, start, cancel).ConfigureAwait(false);
    }

    private async Task<(OfficeOrganisation Org, Period Period)> OfficeAsync(CycleStart start, CancellationToken cancel)
    {
        var period = Check(start, clock.GetUtcNow().UtcDateTime);
        var org = await organisation.LoadAsync(start.OfficeId ?? "", cancel).ConfigureAwait(false)
            ?? throw new RequestRefusedException(404, "officeId", $"expected an imported office, found none with id '{start.OfficeId}'",
                $"应为已导入的院，未找到 '{start.OfficeId}'");
        return (org, period);
    }

    /// <summary>Checks the scheme, builds the orchestration's input by the period's kind, and records the cycle.</summary>
    private async Task<object> PrepareAsync(OfficeOrganisation org, Period period, CycleStart start, CancellationToken cancel)
    {
        var schemeId = start.SchemeId ?? options.SchemeId;
        var versions = await schemes.VersionsAsync(schemeId, cancel).ConfigureAwait(false);
        if (versions.Count == 0 || (versions[0].OfficeId is { } owner && owner != org.Office.Id))
        {
            // Another office's scheme answers as one that does not exist.
            throw new RequestRefusedException(404, "schemeId", $"expected a stored scheme of {org.Office.Id} or a ready-made one, found none with id '{schemeId}'", $"应为本院或预置的考核方案，未找到 '{schemeId}'");
        }

        if (versions[0].OfficeId is null && start.SchemeVersion is null && !versions.Any(s => s.Status == SchemeStatus.Decided))
        {
            throw new RequestRefusedException(422, "schemeId", $"expected a decided version of the ready-made scheme {schemeId} (offices decide only their own schemes), found none decided",
                $"预置方案 {schemeId} 没有已决定的版本；院党组只能决定本院的方案");
        }

        int? version = start.SchemeVersion;
        if (version is { } v && !versions.Any(s => s.Scheme.Version == v && s.Status == SchemeStatus.Decided))
        {
            throw new RequestRefusedException(422, "schemeVersion", $"expected a decided version of {schemeId}, found version {v} {(versions.Any(s => s.Scheme.Version == v) ? "undecided" : "missing")}",
                $"应为 {schemeId} 已决定的版本，第 {v} 版{(versions.Any(s => s.Scheme.Version == v) ? "尚未决定" : "不存在")}");
        }

        version ??= versions.LastOrDefault(s => s.Status == SchemeStatus.Decided)?.Scheme.Version;
        if (period.Kind != PeriodKind.Quarter && version is null)
        {
            throw new RequestRefusedException(422, "schemeId", $"expected a decided version of {schemeId} for a {period.Kind.ToString().ToLowerInvariant()}, found none decided",
                $"月度通报与年度考核需要 {schemeId} 已决定的版本，目前没有");
        }

        var (members, chief) = CycleRecords.PartyGroup(org, options);
        var scheme = (versions.FirstOrDefault(s => s.Scheme.Version == version) ?? versions[^1]).Scheme;
        if (period.Kind == PeriodKind.Quarter)
        {
            RequireRaters(scheme, org, members);
        }

        var now = clock.GetUtcNow();
        var ratingTime = period.Kind == PeriodKind.Quarter ? RatingTime(scheme, start, now.UtcDateTime) : null;
        var (deadline, grace, ratingUntil) = period.Kind == PeriodKind.Quarter
            ? await DeadlinesAsync(start, now.UtcDateTime, ratingTime, cancel).ConfigureAwait(false)
            : (now.UtcDateTime, TimeSpan.Zero, null);
        object input = period.Kind switch
        {
            PeriodKind.Month => new BulletinInput(org.Office.Id, period.ToString()),
            PeriodKind.Year => new YearEndInput(org.Office.Id, period.ToString(), schemeId, version!.Value, options.ApprovalRule, members, chief, start.ObjectionPeriod ?? options.ObjectionPeriod, CountsDeadlines: true, TimersOnTime: true),
            _ => new CycleInput(org.Office.Id, period.ToString(), schemeId, version, org.Departments.Select(d => d.Id).ToList(),
                deadline, start.RemindBefore ?? options.RemindBefore,
                start.LatePolicy ?? options.LatePolicy, grace, start.CorrectionTime ?? options.CorrectionTime,
                options.ApprovalRule, members, chief, start.ObjectionPeriod ?? options.ObjectionPeriod, Rating(scheme, start, ratingTime, ratingUntil),
                start.Grace ?? options.Grace, CountsDeadlines: true, WindowsInCycle: true, TimersOnTime: true),
        };

        try
        {
            await cycles.CreateAsync(new CycleRecord(org.Office.Id, period.ToString(), schemeId, version ?? 0, CycleStage.Started, now, now), cancel).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException ex) when (ex.Status == 409)
        {
            // Recorded by an earlier start whose scheduling did not happen (a crash in between) or is racing this one.
        }

        return input;
    }

    /// <summary>The self-evaluation deadline (the request's moment, else the start plus the self-evaluation time), the
    /// grace after it as a span to its end, and the close of a rating window beside self-evaluation — each counted in
    /// working days or moved off a day off (<see cref="StageDeadlines"/>). A year the calendar lacks refuses the start
    /// (409 at the duration's field) before anything is recorded.</summary>
    private async Task<(DateTime Deadline, TimeSpan Grace, DateTime? RatingUntil)> DeadlinesAsync(CycleStart start, DateTime now, StageDuration? ratingTime, CancellationToken cancel)
    {
        var calendar = await (calendars ?? new ShippedCalendarSource()).CurrentAsync(cancel).ConfigureAwait(false);
        var zone = Checkpoints.Zone(schedule?.TimeZone);
        var field = "selfEvaluationTime";
        try
        {
            var deadline = start.SelfEvaluationDeadlineUtc is { } given
                ? StageDeadlines.Moved(calendar, zone, now, given)
                : StageDeadlines.End(calendar, zone, now, start.SelfEvaluationTime ?? options.SelfEvaluationTime);
            field = "grace";
            var grace = start.Grace ?? options.Grace;
            // Counted only where late submissions are taken: a grace that is not used cannot refuse the start.
            var taken = (start.LatePolicy ?? options.LatePolicy) == LateSubmissionPolicy.AcceptDuringGrace;
            var graceEnd = !taken ? deadline + grace.Time
                : grace.InWorkingDays || grace.Time > TimeSpan.Zero ? StageDeadlines.End(calendar, zone, deadline, grace) : deadline;
            field = "ratingTime";
            DateTime? ratingUntil = ratingTime is { UsesCalendar: true } rating ? StageDeadlines.End(calendar, zone, now, rating) : null;
            return (deadline, graceEnd - deadline, ratingUntil);
        }
        catch (CalendarYearMissingException missing)
        {
            throw StageDeadlines.Refusal(field, missing);
        }
    }

    /// <summary>The scheme's raters read against the office (a department a group names must be one of the office's):
    /// 422 with every problem at its path before anything is started.</summary>
    private static void RequireRaters(Scheme scheme, OfficeOrganisation org, IReadOnlyCollection<string> partyGroup)
    {
        var errors = Domain.Schemes.Validation.SchemeValidator.ValidateRaters(scheme, org, partyGroup)
            .Where(i => i.Severity == Domain.Schemes.Validation.IssueSeverity.Error)
            .Select(i => new Domain.Inputs.InputError("scheme", 0, i.Path, i.Message, i.MessageZh))
            .ToList();
        if (errors is [var first, ..])
        {
            throw new RequestRefusedException(422, "schemeId", $"expected the raters of {scheme.Id} v{scheme.Version} to be found in {org.Office.Id}: {first.Field}: {first.Message}",
                $"方案 {scheme.Id} 第 {scheme.Version} 版的评价人与本院不符：{first.Field}：{first.MessageZh}", errors);
        }
    }

    /// <summary>The rating window of a quarter whose scheme has a rater group of the office's own people: opened beside
    /// self-evaluation or after it as the scheme says, for the rating time (the request's, else the office's, else as
    /// long as self-evaluation lasts: <paramref name="rating"/>), reminded before its close as self-evaluation
    /// is (at most half-way through), sealed a moment after it (five seconds, a tenth of a shorter window). None when
    /// every group is external: those ratings arrive as paper results. A window beside self-evaluation closes at
    /// <paramref name="until"/> when that was counted against the calendar.</summary>
    private RatingPlan? Rating(Scheme scheme, CycleStart start, StageDuration? rating, DateTime? until)
    {
        if (rating is not { } time)
        {
            return null;
        }

        var span = time.Approximate;
        var remind = start.RemindBefore ?? options.RemindBefore;
        var settle = TimeSpan.FromSeconds(5) < span / 10 ? TimeSpan.FromSeconds(5) : span / 10;
        var afterSelfEvaluation = scheme.RatingWindow == Domain.Schemes.RatingWindow.AfterSelfEvaluation;
        return new RatingPlan(afterSelfEvaluation, time, remind < span / 2 ? remind : span / 2, settle, afterSelfEvaluation ? null : until);
    }

    /// <summary>How long the raters have (the request's, else the office's, else as long as self-evaluation lasts); none
    /// when the scheme has no rater group of the office's own people.</summary>
    private StageDuration? RatingTime(Scheme scheme, CycleStart start, DateTime now)
    {
        if (!scheme.RatedIndicators.Any(i => i.RaterGroups.Any(g => g.EffectiveRaters != RaterKind.External)))
        {
            return null;
        }

        var selfEvaluation = start.SelfEvaluationDeadlineUtc is { } given
            ? StageDuration.Of(given - now)
            : start.SelfEvaluationTime ?? options.SelfEvaluationTime;
        return start.RatingTime ?? options.RatingTime ?? (selfEvaluation.InWorkingDays || selfEvaluation.Time > TimeSpan.Zero ? selfEvaluation : TimeSpan.FromDays(1));
    }

    /// <summary>The request's period and durations, every problem at once (a form shows each beside its field): the
    /// period well-formed, each duration within its <see cref="DurationLimit"/>. 400 naming the first field, with all
    /// of them as its errors when there are several.</summary>
    private static Period Check(CycleStart start, DateTime now)
    {
        var errors = new Domain.Inputs.InputErrors();
        if (!Period.TryParse(start.Period, out var period, out var reason))
        {
            errors.Add(Request, 0, "period", $"expected a period such as 2026-Q1, 2026-M03 or 2026, found '{start.Period}' ({reason})",
                $"应为期间，如 2026-Q1、2026-M03 或 2026，实际为 '{start.Period}'（{reason}）");
        }

        Durations(start, now, errors);
        Refuse(errors);
        return period;
    }

    /// <summary>Each duration of a start within its <see cref="DurationLimit"/>, and a self-evaluation deadline no
    /// further off than the longest self-evaluation time (a cycle never waits for a date years away); adds each
    /// problem to <paramref name="errors"/> under its field.</summary>
    internal static void Durations(CycleStart start, DateTime now, Domain.Inputs.InputErrors errors)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(errors);
        var latest = now + DurationLimit.SelfEvaluationTime.Max;
        if (start.SelfEvaluationDeadlineUtc is { } deadline && deadline > latest)
        {
            errors.Add(Request, 0, "selfEvaluationDeadlineUtc", $"expected a deadline at most {DurationLimit.Days(DurationLimit.SelfEvaluationTime.Max)} days from now (by {latest:u}), found {deadline:u}",
                $"自评截止时间应在 {DurationLimit.Days(DurationLimit.SelfEvaluationTime.Max)} 天之内（{latest:u} 之前），实际为 {deadline:u}");
        }

        if (start.RemindBefore is { } remind && !DurationLimit.RemindBefore.Holds(remind))
        {
            errors.Add(Request, 0, "remindBefore", $"expected a duration {DurationLimit.RemindBefore.Describe(Domain.Text.Language.En)}, found {DurationLimit.Days(remind)} days",
                $"应为{DurationLimit.RemindBefore.Describe(Domain.Text.Language.Zh)}的时长，实际为 {DurationLimit.Days(remind)} 天");
        }

        foreach (var (field, value, limit) in new[]
        {
            ("selfEvaluationTime", start.SelfEvaluationTime, DurationLimit.SelfEvaluationTime), ("grace", start.Grace, DurationLimit.Grace),
            ("correctionTime", start.CorrectionTime, DurationLimit.CorrectionTime), ("objectionPeriod", start.ObjectionPeriod, DurationLimit.ObjectionPeriod),
            ("ratingTime", start.RatingTime, DurationLimit.RatingTime),
        })
        {
            if (value is { } v && !limit.Holds(v))
            {
                errors.Add(Request, 0, field, $"expected a duration {limit.DescribeStage(Domain.Text.Language.En)}, found {v.Describe(Domain.Text.Language.En)}",
                    $"应为{limit.DescribeStage(Domain.Text.Language.Zh)}的时长，实际为 {v.Describe(Domain.Text.Language.Zh)}");
            }
        }
    }

    /// <summary>Problems of the office's own duration settings (configuration section <c>Cycle</c>), each naming its
    /// key, checked when the host starts: the same limits as a start request's.</summary>
    public static IReadOnlyList<string> Problems(CycleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new Domain.Inputs.InputErrors();
        Durations(new CycleStart("", "", null, null, options.SelfEvaluationTime, options.RemindBefore, options.Grace, options.CorrectionTime, options.ObjectionPeriod,
            RatingTime: options.RatingTime), DateTime.UnixEpoch, errors);
        return [.. errors.Items.Select(e => $"{CycleOptions.Section}:{char.ToUpperInvariant(e.Field[0])}{e.Field[1..]}: {e.Message}")];
    }

    /// <summary>400 naming the first field of <paramref name="errors"/>, with all of them when there are several; nothing when there are none.</summary>
    internal static void Refuse(Domain.Inputs.InputErrors errors)
    {
        if (errors.Items is [var first, ..])
        {
            throw new RequestRefusedException(400, first.Field, first.Message, first.MessageZh, errors.Items.Count > 1 ? errors.Items : null);
        }
    }

    /// <summary>The backends say "already exists" differently: an exception of that name or a gRPC AlreadyExists.</summary>
    internal static bool IsAlreadyThere(Exception ex) =>
        ex.GetType().Name.Contains("AlreadyExists", StringComparison.Ordinal)
        || ex.Message.Contains("AlreadyExists", StringComparison.Ordinal)
        || ex.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase);
}
