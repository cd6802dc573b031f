using Appraisal.Domain.Cycles;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Reports;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Scorecards;
using Appraisal.Workflow.Bulletins;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Exports;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Pages;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Actions;

/// <summary>A cycle's scorecards as a caller may see them: a department head without a wider role their own
/// department's only.</summary>
public sealed record CycleResults(CycleRecord Cycle, Period Period, string? DepartmentId, IReadOnlyList<Scorecard> Cards);

/// <summary>A file made for download: its bytes, media type and the name it is saved under.</summary>
public sealed record Download(byte[] Content, string ContentType, string? FileName);

/// <summary>What a caller may see of one person's dossier. Who filed an objection is shown to those who read the
/// person's results in full (the office, the department head), and to the person when they filed it themselves.</summary>
public sealed record Dossier(OfficeOrganisation Org, Person Person, IReadOnlyList<(Scorecard Card, bool Final)> Results, IReadOnlyList<ObjectionRecord> Objections, bool ShowsFilers);

/// <summary>What people read — a cycle's results and their exports, the public notice (公示), a person's dossier, the
/// monthly bulletins (月度通报), the appraisal office's dashboard — for the JSON endpoints and the pages alike. Each
/// read checks its caller here: role and office, then the record (a department head their department's scorecards,
/// staff their own dossier with final results only).</summary>
public sealed class ResultQueries(CycleRecords records, CycleRepository cycles, ScorecardRepository scorecards, SchemeRepository schemes, ReportStore reports,
    StorageBulletinServices bulletins, AuditLog audit, TimeProvider clock)
{
    public static IReadOnlyList<string> ExportFiles { get; } = ["results.xlsx", "ranking.csv", "lines.csv", "departments.csv"];

    public async Task<CycleResults> ResultsAsync(Caller caller, string officeId, string period, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ReadResults, officeId);
        var p = Handler.Period(period, "period");
        var cycle = await cycles.GetAsync(officeId, p.ToString(), cancel).ConfigureAwait(false)
            ?? throw new RequestRefusedException(404, "period", $"expected a cycle of {officeId} for {p}, found none started", $"{officeId} 院 {p} 尚未启动考核");
        var cards = await scorecards.ForPeriodAsync(officeId, p.ToString(), cycle.Value.SchemeId, cancel).ConfigureAwait(false);
        var own = OwnDepartmentOnly(caller);
        var shown = cards.Where(c => own is null || c.DepartmentId == own).OrderBy(c => c.OfficeRank).ThenBy(c => c.SubjectId, StringComparer.Ordinal).ToList();
        return new CycleResults(cycle.Value, p, own, shown);
    }

    /// <summary>A cycle's results as a workbook or CSV table, as the caller may see them.</summary>
    public async Task<Download> ExportAsync(Caller caller, string officeId, string period, string file, Language language, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ReadResults, officeId);
        if (!ExportFiles.Contains(file, StringComparer.Ordinal))
        {
            throw new RequestRefusedException(404, "file", $"expected one of {string.Join(", ", ExportFiles)}, found '{file}'", $"应为 {string.Join("、", ExportFiles)} 之一，实际为 '{file}'");
        }

        var results = await ResultsAsync(caller, officeId, period, cancel).ConfigureAwait(false);
        var (cycle, p) = (results.Cycle, results.Period);
        var scheme = (await schemes.GetAsync(cycle.SchemeId, cycle.SchemeVersion, cancel).ConfigureAwait(false))?.Scheme
            ?? throw new RequestRefusedException(404, "period", $"expected the decided scheme of {officeId} {p}, found none yet", $"{officeId} 院 {p} 的考核方案尚未确定");
        if (results.Cards.Count == 0)
        {
            throw new RequestRefusedException(404, "period", $"expected scored results of {officeId} for {p}, found none yet", $"{officeId} 院 {p} 尚无计分结果");
        }

        var org = await records.OrganisationAsync(officeId, cancel).ConfigureAwait(false);
        var tables = ScorecardExport.Tables(org, scheme, results.Cards, language);
        var name = $"{officeId}-{p}-{file}";
        return file == "results.xlsx"
            ? new Download(TableFiles.Xlsx(tables), TableFiles.XlsxType, name)
            : new Download(TableFiles.Csv(tables[Array.IndexOf(["ranking.csv", "lines.csv", "departments.csv"], file)]), TableFiles.CsvType, name);
    }

    /// <summary>A cycle's latest public notice as stored (the highest round); 404 until published.</summary>
    public async Task<BinaryData> NoticeAsync(Caller caller, string officeId, string period, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ReadNotice, officeId);
        var p = Handler.Period(period, "period");
        var latest = (await reports.ListAsync(PublicNotice.Prefix(officeId, p.ToString()), cancel).ConfigureAwait(false)).MaxBy(PublicNotice.RoundOf);
        var notice = latest is null ? null : await reports.GetAsync(latest, cancel).ConfigureAwait(false);
        return notice?.Content
            ?? throw new RequestRefusedException(404, "period", $"expected a published notice of {officeId} for {p}, found none yet", $"{officeId} 院 {p} 的考核结果尚未公示");
    }

    /// <summary>What a caller may see of a person's dossier: the organisation, the person, their results (newest
    /// first; staff reading their own see final results only) and the objections to them with their outcomes.</summary>
    public async Task<Dossier> DossierAsync(Caller caller, string officeId, string personId, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ReadDossier, officeId);
        var org = await records.OrganisationAsync(officeId, cancel).ConfigureAwait(false);
        var person = org.FindPerson(personId)
            ?? throw new RequestRefusedException(404, "personId", $"expected a person of {officeId}, found none with id '{personId}'", $"{officeId} 院没有人员 '{personId}'");
        var everything = ReadsInFull(caller, person.Id, person.DepartmentId);
        var all = await cycles.ForOfficeAsync(officeId, cancel).ConfigureAwait(false);
        var final = all.Where(c => c.Value.Stage == CycleStage.Final).Select(c => c.Value.Period).ToHashSet(StringComparer.Ordinal);
        var cards = await scorecards.ForSubjectAsync(officeId, person.Id, cancel).ConfigureAwait(false);
        var results = cards
            .Where(c => everything || final.Contains(c.Period))
            .OrderByDescending(c => c.Period, StringComparer.Ordinal)
            .Select(c => (c, final.Contains(c.Period)))
            .ToList();
        var objections = await ObjectionHistory.ForSubjectAsync(audit, officeId, all.Select(c => c.Value.Period), person.Id, person.DepartmentId, cancel).ConfigureAwait(false);
        return new Dossier(org, person, results, objections, everything);
    }

    /// <summary>A month's bulletin as stored (JSON); 404 until composed.</summary>
    public async Task<BinaryData> BulletinAsync(Caller caller, string officeId, string month, CancellationToken cancel)
    {
        var p = BulletinMonth(caller, officeId, month);
        return (await reports.GetAsync(StorageBulletinServices.BlobName(officeId, p.ToString()), cancel).ConfigureAwait(false))?.Content ?? throw NoBulletin(officeId, p);
    }

    /// <summary>A month's bulletin, read for its page; 404 until composed.</summary>
    public async Task<MonthlyBulletin> BulletinReportAsync(Caller caller, string officeId, string month, CancellationToken cancel)
    {
        var p = BulletinMonth(caller, officeId, month);
        return await bulletins.ReadAsync(officeId, p.ToString(), cancel).ConfigureAwait(false) ?? throw NoBulletin(officeId, p);
    }

    /// <summary>One of a bulletin's files (its page, workbook or charts) as stored.</summary>
    public async Task<Download> BulletinFileAsync(Caller caller, string officeId, string month, string file, CancellationToken cancel)
    {
        var p = BulletinMonth(caller, officeId, month);
        if (!StorageBulletinServices.Files.TryGetValue(file, out var type))
        {
            throw new RequestRefusedException(404, "file", $"expected one of {string.Join(", ", StorageBulletinServices.Files.Keys)}, found '{file}'", $"应为 {string.Join("、", StorageBulletinServices.Files.Keys)} 之一，实际为 '{file}'");
        }

        var stored = await reports.GetAsync(StorageBulletinServices.FileName(officeId, p.ToString(), file), cancel).ConfigureAwait(false) ?? throw NoBulletin(officeId, p);
        return new Download(stored.Content.ToArray(), type, file.EndsWith(".xlsx", StringComparison.Ordinal) ? $"{officeId}-{p}-{file}" : null);
    }

    /// <summary>The appraisal office's dashboard: every period of the office with its stage, whom it awaits, until
    /// when, and whether that is overdue.</summary>
    public async Task<(OfficeOrganisation Org, IReadOnlyList<DashboardRow> Rows, DateTimeOffset Now)> DashboardAsync(DurableTaskClient client, Caller caller, string officeId, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ReadDashboard, officeId);
        var org = await records.OrganisationAsync(officeId, cancel).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        return (org, await DashboardRowsAsync(client, officeId, now, activeOnly: false, cancel).ConfigureAwait(false), now);
    }

    /// <summary>The dashboard's rows of an office at <paramref name="now"/>, unchecked — for the dashboard above and the
    /// office metrics' sampler. <paramref name="activeOnly"/> leaves out final cycles and those started over
    /// <see cref="ActiveCycleAge"/> ago (one orchestration read fewer each).</summary>
    public async Task<IReadOnlyList<DashboardRow>> DashboardRowsAsync(DurableTaskClient client, string officeId, DateTimeOffset now, bool activeOnly, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        var rows = new List<DashboardRow>();
        foreach (var cycle in await cycles.ForOfficeAsync(officeId, cancel).ConfigureAwait(false))
        {
            if (activeOnly && (cycle.Value.Stage == CycleStage.Final || now - cycle.Value.CreatedAt > ActiveCycleAge))
            {
                continue;
            }

            if (!Period.TryParse(cycle.Value.Period, out var p, out _))
            {
                continue;
            }

            var instance = await client.GetInstanceAsync(CycleStarter.InstanceId(officeId, p), getInputsAndOutputs: true, cancel).ConfigureAwait(false);
            CycleStage? stage = null;
            IReadOnlyList<string> awaiting = [];
            IReadOnlyList<CorrectionWindow> correcting = [];
            DateTime? until = null;
            if (CycleStatus.Read(instance?.SerializedCustomStatus) is { } status)
            {
                (stage, awaiting, until, correcting) = (status.Stage, status.Awaiting ?? [], status.UntilUtc, status.Correcting ?? []);
            }

            var running = instance?.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending;
            if (stage == CycleStage.SelfEvaluation && until is null && instance?.ReadInputAs<CycleInput>() is { } input)
            {
                until = input.SelfEvaluationDeadlineUtc;
            }

            var overdue = running && ((awaiting.Count > 0 && until is { } u && now.UtcDateTime > u && stage is CycleStage.SelfEvaluation or CycleStage.Correction)
                || correcting.Any(c => now.UtcDateTime > c.UntilUtc));
            rows.Add(new DashboardRow(cycle.Value.Period, instance?.RuntimeStatus.ToString() ?? "Unknown", stage, awaiting, until, overdue) { Correcting = correcting });
        }

        return rows;
    }

    /// <summary>Older cycles are no longer running: the longest (annual, with its publication) ends within a year.</summary>
    public static readonly TimeSpan ActiveCycleAge = TimeSpan.FromDays(400);

    /// <summary>A period's audit trail (审计记录) as stored, with the check of its hash chain.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, AuditVerification Check)> AuditTrailAsync(Caller caller, string officeId, string period, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ReadAudit, officeId);
        var p = Handler.Period(period, "period");
        var entries = await audit.ReadAsync(officeId, p.ToString(), cancel).ConfigureAwait(false);
        return (entries, AuditLog.Verify(entries));
    }

    /// <summary>The office's organisation as stored: its administrators, appraisal office, Party group and supervisors.</summary>
    public async Task<OfficeOrganisation> OrganisationAsync(Caller caller, string officeId, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ReadOrganisation, officeId);
        return await records.FindOrganisationAsync(officeId, cancel).ConfigureAwait(false) ?? throw ImportActions.UnknownOffice(officeId);
    }

    /// <summary>An office's orchestration for a period (cycle, bulletin or year-end) as its status endpoint shows it;
    /// 404 when none was started.</summary>
    public async Task<OrchestrationMetadata> CycleStatusAsync(DurableTaskClient client, Caller caller, string officeId, string period, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ReadCycle, officeId);
        return await InstanceAsync(client, CycleStarter.InstanceId(officeId, Handler.Period(period, "period")), cancel).ConfigureAwait(false);
    }

    /// <summary>A province's quarter as its status endpoint shows it; 404 when none was started.</summary>
    public async Task<OrchestrationMetadata> ProvinceStatusAsync(DurableTaskClient client, Caller caller, string provinceId, string period, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ReadProvince);
        return await InstanceAsync(client, Province.ProvinceInput.InstanceIdOf(provinceId, Handler.Period(period, "period", PeriodKind.Quarter).ToString()), cancel).ConfigureAwait(false);
    }

    private static async Task<OrchestrationMetadata> InstanceAsync(DurableTaskClient client, string id, CancellationToken cancel) =>
        await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancel).ConfigureAwait(false)
            ?? throw new RequestRefusedException(404, "period", $"expected a started instance {id}, found none", $"未找到实例 {id}：该院（或省）该期间尚未启动");

    /// <summary>A department head without a wider role sees their own department's scorecards only.</summary>
    private static string? OwnDepartmentOnly(Caller caller) =>
        caller.Has(Role.DepartmentHead) && !caller.ReadsWholeOffice ? caller.DepartmentId ?? string.Empty : null;

    /// <summary>Staff read their own dossier (final results only) and running score; a department head their
    /// department's people in full; the appraisal office, the Party group and supervisors anyone's in full. Anyone
    /// else's: 403.</summary>
    internal static bool ReadsInFull(Caller caller, string personId, string departmentId)
    {
        if (caller.ReadsWholeOffice || (caller.Has(Role.DepartmentHead) && caller.DepartmentId == departmentId))
        {
            return true;
        }

        return caller.UserId == personId
            ? false
            : throw new RequestRefusedException(403, "personId", $"expected the signed-in person's own dossier (or, for a department head, their department's), found '{personId}'",
                $"只能查看本人（部门负责人可查看本部门人员）的业绩档案，实际为 '{personId}'");
    }

    private static Period BulletinMonth(Caller caller, string officeId, string month)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ReadBulletin, officeId);
        return Handler.Period(month, "month", PeriodKind.Month);
    }

    private static RequestRefusedException NoBulletin(string officeId, Period p) =>
        new(404, "month", $"expected a composed bulletin of {officeId} for {p}, found none yet", $"{officeId} 院 {p} 的月度通报尚未生成");
}
