using System.Globalization;
using System.Text.Json;
using Appraisal.Domain.Cycles;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Ballots;
using Appraisal.Storage.Cycles;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Ratings;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Actions;

/// <summary>A group's paper results for one subject on one rated indicator (纸质测评汇总), as the appraisal office enters
/// them: how many paper ballots were counted and their mean (0–100, at most two decimals).</summary>
public sealed record PaperRatingRequest(string? SubjectId, string? IndicatorId, string? Group, int? Count, decimal? Mean);

/// <summary>A paper result as stored: the count and the mean (the sum over the count).</summary>
public sealed record PaperRating(string SubjectId, string IndicatorId, string Group, int Count, decimal Mean);

/// <summary>How one rater group of one rated indicator answered about the subjects of one department: how many people
/// may answer (those whose questionnaire asks them), how many of them have answered the section that asks, the rate
/// in percent (null when nobody may answer), the group's minimum (k), and whether the group stays below it for some
/// subject of the department — too few who may answer, or too few who have.</summary>
public sealed record ResponseRate(string IndicatorId, string Group, string DepartmentId, int Eligible, int Answered, int MinResponses, bool BelowMinimum)
{
    public decimal? Rate => Eligible == 0 ? null : decimal.Round(100m * Answered / Eligible, 1);
}

/// <summary>The response rates of a period's rating window: per rated indicator, group and department of the subjects,
/// and overall — the raters asked anything (<see cref="Raters"/>) and those who answered every section of their
/// questionnaire (<see cref="Finished"/>). Counts only: nothing says which answers are whose.</summary>
public sealed record ResponseRates(string OfficeId, string Period, DateTime ClosesUtc, bool Sealed, int Raters, int Finished, IReadOnlyList<ResponseRate> Rows)
{
    public decimal? Rate => Raters == 0 ? null : decimal.Round(100m * Finished / Raters, 1);

    /// <summary>Whether some group stays below its minimum for some subject.</summary>
    public bool BelowMinimum => Rows.Any(r => r.BelowMinimum);
}

/// <summary>What the paper-entry page shows: the cycle's scheme and subjects (what may be entered), the paper results
/// so far, the response rates, and whether paper results are taken now.</summary>
public sealed record PaperRatingForm(Scheme Scheme, OfficeOrganisation Organisation, SubjectSet Subjects, IReadOnlyList<PaperRating> Entries, ResponseRates Rates, bool Open);

/// <summary>The results side of a rating window (民主测评): paper ballots entered in aggregate and the response rates.
/// <para>Paper results — a group's count and mean for one subject and indicator — are entered by the appraisal office of
/// the office alone, once the period has a rating window and until scoring starts: while the cycle is at
/// self-evaluation, verification, correction or rating, whether the window is still open or already closed or sealed
/// (paper cells are stored beside the sealed ones, not in them; scoring reads both once). From scoring on they are
/// refused. Each is stored as a paper cell (the sum is mean × count; no extremes) and audited with its values
/// (<c>ratings.paper</c>) — they are aggregates, nobody's ballot; entered again, it replaces the one before, audited
/// with both.</para>
/// <para>Response rates are read by the appraisal office, supervisors and the Party group of the office: counted from
/// the questionnaires (who is asked what) and the participation (who answered which section) — never from the
/// answers.</para></summary>
public sealed class RatingResultsActions(BallotBox box, CycleRepository cycles, CycleRecords records, CycleOptions options, AuditLog audit, TimeProvider clock)
{
    public const int MaxCount = 10000;

    public const string AuditAction = "ratings.paper";

    /// <summary>The stages at which paper results are taken (with a rating window): before scoring.</summary>
    public static IReadOnlyList<CycleStage> PaperStages { get; } = [CycleStage.SelfEvaluation, CycleStage.Verification, CycleStage.Correction, CycleStage.Rating];

    /// <summary>Stores a group's paper results for one subject and indicator (replacing any entered before) and audits it.</summary>
    public async Task<PaperRating> EnterPaperAsync(DurableTaskClient client, Caller caller, string officeId, string period, PaperRatingRequest body, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(body);
        Access.Authorize(caller, AccessRule.EnterPaperRatings, officeId);
        var p = Handler.Period(period, "period", PeriodKind.Quarter);
        var subjectId = Handler.Require(body.SubjectId, "subjectId").Trim();
        var indicatorId = Handler.Require(body.IndicatorId, "indicatorId").Trim();
        var groupId = Handler.Require(body.Group, "group").Trim();
        var count = body.Count ?? throw new RequestRefusedException(400, "count", "expected a value, found none", "必填，实际为空");
        var mean = body.Mean ?? throw new RequestRefusedException(400, "mean", "expected a value, found none", "必填，实际为空");
        if (count is < 1 or > MaxCount)
        {
            throw new RequestRefusedException(422, "count", $"expected a number of ballots from 1 to {MaxCount}, found {count}", $"票数应为 1 至 {MaxCount}，实际为 {count}");
        }

        if (mean is < 0 or > 100 || decimal.Round(mean, 2) != mean)
        {
            var found = mean.ToString(CultureInfo.InvariantCulture);
            throw new RequestRefusedException(422, "mean", $"expected a mean from 0 to 100 with at most two decimals, found {found}", $"平均分应为 0 至 100（最多两位小数），实际为 {found}");
        }

        var state = await CycleStates.RunningAsync(client, officeId, p.ToString(), cancel).ConfigureAwait(false);
        CycleStates.RequireStage(state, "period", [.. PaperStages]);
        if (await box.WindowAsync(officeId, state.Period, cancel).ConfigureAwait(false) is null)
        {
            throw NoWindow(officeId, state.Period);
        }

        var scheme = await records.SchemeAsync(state.SchemeId, state.Quarter!.SchemeVersion ?? (await CycleAsync(officeId, state.Period, cancel).ConfigureAwait(false)).SchemeVersion, cancel).ConfigureAwait(false);
        var org = await records.OrganisationAsync(officeId, cancel).ConfigureAwait(false);
        if (SubjectSet.For(scheme, org).IndexOf(subjectId) < 0)
        {
            throw new RequestRefusedException(422, "subjectId", $"expected a subject of scheme {scheme.Id}, found '{subjectId}'", $"'{subjectId}' 不是方案 {scheme.Id} 的考核对象");
        }

        var indicator = scheme.RatedIndicators.FirstOrDefault(i => i.Id == indicatorId)
            ?? throw new RequestRefusedException(422, "indicatorId", $"expected a rated indicator of scheme {scheme.Id} ({string.Join(", ", scheme.RatedIndicators.Select(i => i.Id))}), found '{indicatorId}'",
                $"'{indicatorId}' 不是方案 {scheme.Id} 的测评指标");
        var group = indicator.RaterGroups.FirstOrDefault(g => g.Group == groupId)
            ?? throw new RequestRefusedException(422, "group", $"expected a rater group of {indicator.Id} ({string.Join(", ", indicator.RaterGroups.Select(g => g.Group))}), found '{groupId}'",
                $"'{groupId}' 不是指标 {indicator.Id} 的评价主体");

        var before = (await box.CellsAsync(officeId, state.Period, cancel).ConfigureAwait(false))
            .FirstOrDefault(c => c.Paper && c.SubjectId == subjectId && c.IndicatorId == indicator.Id && c.Group == group.Group);
        var entry = new PaperRating(subjectId, indicator.Id, group.Group, count, mean);
        await box.PutPaperAsync(officeId, state.Period, new SealedCell(subjectId, indicator.Id, group.Group, count, mean * count, null, null, Paper: true), cancel).ConfigureAwait(false);
        await audit.AppendAsync(officeId, state.Period, caller.UserId, AuditAction, $"{subjectId}|{indicator.Id}|{group.Group}",
            before is null ? null : Describe(Paper(before)), Describe(entry), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        return entry;
    }

    /// <summary>The paper results entered for a period, in the order of subjects, indicators and groups.</summary>
    public async Task<IReadOnlyList<PaperRating>> PaperAsync(Caller caller, string officeId, string period, CancellationToken cancel)
    {
        Access.Authorize(caller, AccessRule.ReadResponseRates, officeId);
        var p = Handler.Period(period, "period", PeriodKind.Quarter);
        return (await box.CellsAsync(officeId, p.ToString(), cancel).ConfigureAwait(false)).Where(c => c.Paper).Select(Paper)
            .OrderBy(e => e.SubjectId, StringComparer.Ordinal).ThenBy(e => e.IndicatorId, StringComparer.Ordinal).ThenBy(e => e.Group, StringComparer.Ordinal).ToList();
    }

    /// <summary>The response rates of a period's rating window; 404 when the period has none.</summary>
    public async Task<ResponseRates> ResponseRatesAsync(Caller caller, string officeId, string period, CancellationToken cancel)
    {
        Access.Authorize(caller, AccessRule.ReadResponseRates, officeId);
        var p = Handler.Period(period, "period", PeriodKind.Quarter);
        return await RatesAsync(officeId, p.ToString(), cancel).ConfigureAwait(false) ?? throw NoWindow(officeId, p.ToString());
    }

    /// <summary>What the paper-entry page shows; 404 when the period has no rating window.</summary>
    public async Task<PaperRatingForm> FormAsync(DurableTaskClient client, Caller caller, string officeId, string period, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        var rates = await ResponseRatesAsync(caller, officeId, period, cancel).ConfigureAwait(false);
        var entries = await PaperAsync(caller, officeId, period, cancel).ConfigureAwait(false);
        var (_, org, scheme, _) = await LoadAsync(officeId, rates.Period, cancel).ConfigureAwait(false);
        var instance = await client.GetInstanceAsync(CycleStarter.InstanceId(officeId, Period.Parse(rates.Period)), getInputsAndOutputs: true, cancel).ConfigureAwait(false);
        var stage = CycleStatus.Read(instance?.SerializedCustomStatus)?.Stage;
        var open = instance is { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending } && stage is { } s && PaperStages.Contains(s);
        return new PaperRatingForm(scheme, org, SubjectSet.For(scheme, org), entries, rates, open);
    }

    /// <summary>The response rates of a period, or null when it has no rating window — for the dashboard and the
    /// bulletin, whose own rules admit their readers (the same roles as <see cref="AccessRule.ReadResponseRates"/>).</summary>
    public async Task<ResponseRates?> RatesAsync(string officeId, string period, CancellationToken cancel)
    {
        if (await box.WindowAsync(officeId, period, cancel).ConfigureAwait(false) is not { } closes)
        {
            return null;
        }

        var (_, org, scheme, partyGroup) = await LoadAsync(officeId, period, cancel).ConfigureAwait(false);
        var sealedAt = await box.SealOfAsync(officeId, period, cancel).ConfigureAwait(false);
        var answered = (await box.ParticipationAsync(officeId, period, cancel).ConfigureAwait(false)).Select(x => (x.RaterId, x.Section)).ToHashSet();
        return Count(officeId, period, closes, sealedAt is not null, org, scheme, partyGroup, answered);
    }

    /// <summary>Counts the rates from the questionnaires and who answered which section.</summary>
    public static ResponseRates Count(string officeId, string period, DateTime closes, bool isSealed, OfficeOrganisation org, Scheme scheme, IReadOnlyCollection<string> partyGroup,
        IReadOnlySet<(string RaterId, string Section)> answered)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(answered);
        var eligible = new Dictionary<(string, string, string), HashSet<string>>();
        var responded = new Dictionary<(string, string, string), HashSet<string>>();
        var perSubject = new Dictionary<(string, string, string), (int Asked, int Answered)>();
        int raters = 0, finished = 0;
        foreach (var (rater, sections) in Questionnaire.Raters(org, scheme, partyGroup))
        {
            raters++;
            finished += sections.All(s => answered.Contains((rater.Id, s.Id))) ? 1 : 0;
            foreach (var section in sections)
            {
                var done = answered.Contains((rater.Id, section.Id));
                foreach (var q in section.Questions)
                {
                    var row = (q.Indicator.Id, q.Group.Group, section.DepartmentId);
                    Add(eligible, row, rater.Id);
                    if (done)
                    {
                        Add(responded, row, rater.Id);
                    }

                    var cell = (q.Indicator.Id, q.Group.Group, q.Subject.Id);
                    var (asked, yes) = perSubject.GetValueOrDefault(cell);
                    perSubject[cell] = (asked + 1, yes + (done ? 1 : 0));
                }
            }
        }

        var subjects = SubjectSet.For(scheme, org).Items;
        var departments = org.Departments.Select(d => d.Id).Where(d => subjects.Any(s => s.DepartmentId == d)).ToList();
        var rows = new List<ResponseRate>();
        foreach (var indicator in scheme.RatedIndicators)
        {
            foreach (var group in indicator.RaterGroups.Where(g => g.EffectiveRaters != RaterKind.External))
            {
                var k = group.EffectiveMinResponses;
                foreach (var department in departments)
                {
                    var key = (indicator.Id, group.Group, department);
                    var below = subjects.Where(s => s.DepartmentId == department)
                        .Select(s => perSubject.GetValueOrDefault((indicator.Id, group.Group, s.Id)))
                        .Any(c => c.Asked < k || c.Answered < k);
                    rows.Add(new ResponseRate(indicator.Id, group.Group, department, eligible.GetValueOrDefault(key)?.Count ?? 0, responded.GetValueOrDefault(key)?.Count ?? 0, k, below));
                }
            }
        }

        return new ResponseRates(officeId, period, closes, isSealed, raters, finished, rows);
    }

    private static void Add(Dictionary<(string, string, string), HashSet<string>> sets, (string, string, string) key, string id)
    {
        if (!sets.TryGetValue(key, out var set))
        {
            sets[key] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(id);
    }

    /// <summary>The cycle's scheme and the office's organisation and Party group, as the cycle's start read them.</summary>
    private async Task<(CycleRecord Cycle, OfficeOrganisation Organisation, Scheme Scheme, IReadOnlyList<string> PartyGroup)> LoadAsync(string officeId, string period, CancellationToken cancel)
    {
        var cycle = await CycleAsync(officeId, period, cancel).ConfigureAwait(false);
        var org = await records.OrganisationAsync(officeId, cancel).ConfigureAwait(false);
        var scheme = await records.SchemeAsync(cycle.SchemeId, cycle.SchemeVersion, cancel).ConfigureAwait(false);
        return (cycle, org, scheme, CycleRecords.PartyGroup(org, options).Members);
    }

    private async Task<CycleRecord> CycleAsync(string officeId, string period, CancellationToken cancel) =>
        (await cycles.GetAsync(officeId, period, cancel).ConfigureAwait(false))?.Value
        ?? throw new RequestRefusedException(404, "period", $"expected a started cycle of {officeId} for {period}, found none", $"未找到 {officeId} {period} 的考核周期");

    private static RequestRefusedException NoWindow(string officeId, string period) =>
        new(404, "period", $"expected a rating window of {officeId} {period}, found none (its ratings are not collected from raters)", $"{officeId} {period} 没有民主测评");

    private static PaperRating Paper(SealedCell c) => new(c.SubjectId, c.IndicatorId, c.Group, c.Count, c.Count == 0 ? 0 : decimal.Round((c.Sum ?? 0) / c.Count, 2));

    private static string Describe(PaperRating e) =>
        JsonSerializer.Serialize(new { subjectId = e.SubjectId, indicatorId = e.IndicatorId, group = e.Group, count = e.Count, mean = e.Mean, sum = e.Mean * e.Count, paper = true });
}
