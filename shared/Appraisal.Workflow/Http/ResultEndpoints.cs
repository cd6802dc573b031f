using System.Text;
using Appraisal.Domain.Cycles;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Reports;
using Appraisal.Storage.Scorecards;
using Appraisal.Workflow.Bulletins;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>HTTP handlers for what people read: a cycle's results (scorecards with every line that made them), the
/// public notice (公示: name, department, score and grade only), a person's dossier (results across periods, each
/// with its trace) and the monthly bulletins (月度通报). Department heads see their own department's scorecards;
/// staff their own dossier, with final results only.</summary>
public static class ResultEndpoints
{
    /// <summary>The cycle stage after which results are final and shown to the people they are about.</summary>

    /// <summary>GET cycles/{officeId}/{period}/results: the cycle's scorecards, and whether they are final yet.</summary>
    public static Task<IResult> ResultsAsync(HttpRequest request, string officeId, string period) =>
        Handler.RunAsync(request, AccessRule.ReadResults, officeId, null, async (caller, services, cancel) =>
        {
            var p = ParsePeriod(period, null);
            var cycle = await services.GetRequiredService<CycleRepository>().GetAsync(officeId, p.ToString(), cancel).ConfigureAwait(false)
                ?? throw new RequestRefusedException(404, "period", $"expected a cycle of {officeId} for {p}, found none started", $"{officeId} 院 {p} 尚未启动考核");
            var cards = await services.GetRequiredService<ScorecardRepository>().ForPeriodAsync(officeId, p.ToString(), cycle.Value.SchemeId, cancel).ConfigureAwait(false);
            var own = OwnDepartmentOnly(caller);
            var shown = cards.Where(c => own is null || c.DepartmentId == own).OrderBy(c => c.OfficeRank).ThenBy(c => c.SubjectId, StringComparer.Ordinal).ToList();
            return Results.Json(new
            {
                officeId,
                period = p.ToString(),
                schemeId = cycle.Value.SchemeId,
                schemeVersion = cycle.Value.SchemeVersion,
                stage = cycle.Value.Stage,
                final = cycle.Value.Stage == CycleStage.Final,
                departmentId = own,
                count = shown.Count,
                scorecards = shown,
            }, CycleEndpoints.Json);
        });

    /// <summary>GET cycles/{officeId}/{period}/notice: the latest public notice of the cycle; 404 until published.</summary>
    public static Task<IResult> NoticeAsync(HttpRequest request, string officeId, string period) =>
        Handler.RunAsync(request, AccessRule.ReadNotice, officeId, null, async (caller, services, cancel) =>
            Json(await LatestNoticeAsync(services, officeId, ParsePeriod(period, null), cancel).ConfigureAwait(false)));

    /// <summary>A cycle's latest public notice as stored (the highest round); 404 until published.</summary>
    internal static async Task<BinaryData> LatestNoticeAsync(IServiceProvider services, string officeId, Period p, CancellationToken cancel)
    {
        var reports = services.GetRequiredService<ReportStore>();
        var latest = (await reports.ListAsync(PublicNotice.Prefix(officeId, p.ToString()), cancel).ConfigureAwait(false)).MaxBy(PublicNotice.RoundOf);
        var notice = latest is null ? null : await reports.GetAsync(latest, cancel).ConfigureAwait(false);
        return notice?.Content
            ?? throw new RequestRefusedException(404, "period", $"expected a published notice of {officeId} for {p}, found none yet", $"{officeId} 院 {p} 的考核结果尚未公示");
    }

    /// <summary>GET offices/{officeId}/people/{personId}/dossier: a person's results across periods, newest first.</summary>
    public static Task<IResult> DossierAsync(HttpRequest request, string officeId, string personId) =>
        Handler.RunAsync(request, AccessRule.ReadDossier, officeId, null, async (caller, services, cancel) =>
        {
            var dossier = await DossierOfAsync(services, caller, officeId, personId, cancel).ConfigureAwait(false);
            var (org, person) = (dossier.Org, dossier.Person);
            var department = org.FindDepartment(person.DepartmentId);
            return Results.Json(new
            {
                officeId,
                person = new
                {
                    id = person.Id,
                    name = person.Name,
                    departmentId = person.DepartmentId,
                    department = department?.Name,
                    category = person.Category.ToString(),
                    post = person.Post.ToString(),
                    position = person.PositionId is { } position ? org.FindPosition(position)?.Title : null,
                },
                results = dossier.Results.Select(r => new { final = r.Final, scorecard = r.Card }),
                objections = dossier.Objections.Select(o => new
                {
                    period = o.Period,
                    key = o.Key,
                    filedAt = o.FiledAt,
                    filedBy = dossier.ShowsFilers || o.FiledBy == person.Id ? o.FiledBy : null,
                    reason = o.Reason,
                    outcome = o.Outcome.ToString(),
                    reviewedAt = o.ReviewedAt,
                }),
            }, CycleEndpoints.Json);
        });

    /// <summary>What a caller may see of a person's dossier: the organisation, the person, their results (newest
    /// first; staff reading their own see final results only) and the objections to them with their outcomes.</summary>
    internal static async Task<Dossier> DossierOfAsync(
        IServiceProvider services, Caller? caller, string officeId, string personId, CancellationToken cancel)
    {
        var org = await services.GetRequiredService<CycleRecords>().OrganisationAsync(officeId, cancel).ConfigureAwait(false);
        var person = org.FindPerson(personId)
            ?? throw new RequestRefusedException(404, "personId", $"expected a person of {officeId}, found none with id '{personId}'", $"{officeId} 院没有人员 '{personId}'");
        var scope = DossierScope(caller, person.Id, person.DepartmentId);
        var cycles = await services.GetRequiredService<CycleRepository>().ForOfficeAsync(officeId, cancel).ConfigureAwait(false);
        var final = cycles.Where(c => c.Value.Stage == CycleStage.Final).Select(c => c.Value.Period).ToHashSet(StringComparer.Ordinal);
        var cards = await services.GetRequiredService<ScorecardRepository>().ForSubjectAsync(officeId, person.Id, cancel).ConfigureAwait(false);
        var results = cards
            .Where(c => scope == Scope.Everything || final.Contains(c.Period))
            .OrderByDescending(c => c.Period, StringComparer.Ordinal)
            .Select(c => (c, final.Contains(c.Period)))
            .ToList();
        var objections = await ObjectionHistory.ForSubjectAsync(
            services.GetRequiredService<AuditLog>(), officeId, cycles.Select(c => c.Value.Period), person.Id, person.DepartmentId, cancel).ConfigureAwait(false);
        return new Dossier(org, person, results, objections, scope == Scope.Everything);
    }

    /// <summary>GET offices/{officeId}/bulletins/{month}: the month's bulletin; 404 until composed.</summary>
    public static Task<IResult> BulletinAsync(HttpRequest request, string officeId, string month) =>
        Handler.RunAsync(request, AccessRule.ReadBulletin, officeId, null, async (caller, services, cancel) =>
        {
            var p = ParsePeriod(month, PeriodKind.Month);
            var bulletin = await services.GetRequiredService<ReportStore>().GetAsync(StorageBulletinServices.BlobName(officeId, p.ToString()), cancel).ConfigureAwait(false);
            return bulletin is not null
                ? Json(bulletin.Content)
                : throw new RequestRefusedException(404, "month", $"expected a composed bulletin of {officeId} for {p}, found none yet", $"{officeId} 院 {p} 的月度通报尚未生成");
        });

    /// <summary>GET offices/{officeId}/bulletins/{month}/files/{file}: the bulletin's page, workbook or charts as stored.</summary>
    public static Task<IResult> BulletinFileAsync(HttpRequest request, string officeId, string month, string file) =>
        Handler.RunAsync(request, AccessRule.ReadBulletin, officeId, null, async (caller, services, cancel) =>
        {
            var p = ParsePeriod(month, PeriodKind.Month);
            if (!StorageBulletinServices.Files.TryGetValue(file, out var type))
            {
                throw new RequestRefusedException(404, "file", $"expected one of {string.Join(", ", StorageBulletinServices.Files.Keys)}, found '{file}'", $"应为 {string.Join("、", StorageBulletinServices.Files.Keys)} 之一，实际为 '{file}'");
            }

            var stored = await services.GetRequiredService<ReportStore>().GetAsync(StorageBulletinServices.FileName(officeId, p.ToString(), file), cancel).ConfigureAwait(false)
                ?? throw new RequestRefusedException(404, "month", $"expected a composed bulletin of {officeId} for {p}, found none yet", $"{officeId} 院 {p} 的月度通报尚未生成");
            return Results.File(stored.Content.ToArray(), type, file.EndsWith(".xlsx", StringComparison.Ordinal) ? $"{officeId}-{p}-{file}" : null);
        });

    private enum Scope
    {
        FinalOnly,
        Everything,
    }

    /// <summary>Staff read their own dossier (final results only); a department head their department's people; the
    /// appraisal office, the Party group and supervisors anyone's.</summary>
    private static Scope DossierScope(Caller? caller, string personId, string departmentId)
    {
        if (caller is null || caller.ReadsWholeOffice)
        {
            return Scope.Everything;
        }

        if (caller.Has(Role.DepartmentHead) && caller.DepartmentId == departmentId)
        {
            return Scope.Everything;
        }

        return caller.UserId == personId
            ? Scope.FinalOnly
            : throw new RequestRefusedException(403, "personId", $"expected the signed-in person's own dossier (or, for a department head, their department's), found '{personId}'",
                $"只能查看本人（部门负责人可查看本部门人员）的业绩档案，实际为 '{personId}'");
    }

    /// <summary>A department head without a wider role sees their own department's scorecards only.</summary>
    internal static string? OwnDepartmentOnly(Caller? caller) =>
        caller is not null && caller.Has(Role.DepartmentHead) && !caller.ReadsWholeOffice
            ? caller.DepartmentId ?? string.Empty
            : null;

    /// <summary>A period from the route: any kind (<paramref name="kind"/> null, field <c>period</c>) or a month only
    /// (field <c>month</c>); 400 naming the field otherwise.</summary>
    internal static Period ParsePeriod(string value, PeriodKind? kind) =>
        kind == PeriodKind.Month ? Handler.Period(value, "month", PeriodKind.Month) : Handler.Period(value, "period");

    /// <summary>A stored JSON report as it was stored.</summary>
    private static IResult Json(BinaryData content) => Results.Text(content.ToString(), "application/json", Encoding.UTF8);
}

/// <summary>What a caller may see of one person's dossier. Who filed an objection is shown to those who read the
/// person's results in full (the office, the department head), and to the person when they filed it themselves.</summary>
internal sealed record Dossier(OfficeOrganisation Org, Person Person, IReadOnlyList<(Scorecard Card, bool Final)> Results, IReadOnlyList<ObjectionRecord> Objections, bool ShowsFilers);
