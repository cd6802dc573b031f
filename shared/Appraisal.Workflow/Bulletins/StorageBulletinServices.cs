using System.Text;
using System.Text.Json;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;
using Appraisal.Storage.Cases;
using Appraisal.Storage.Outbox;
using Appraisal.Storage.Reports;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Scorecards;
using Appraisal.Workflow.Approvals;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Exports;
using Appraisal.Workflow.Notifications;
using Appraisal.Workflow.Pages;

namespace Appraisal.Workflow.Bulletins;

/// <summary>The month's bulletin from stored data: the month scored under the office's decided scheme (case records and
/// the claims submitted so far), its scorecards stored as the month's running results, the quarter's earlier months
/// and last month's bulletin for the running scores and changes; stored as JSON, a print-friendly page, a workbook and
/// two charts under <c>bulletins/{office}/{month}</c> in the reports container (written again identically when
/// retried), and mailed to each department head through the outbox (once per head and month).</summary>
public sealed class StorageBulletinServices(ReportStore reports, CycleRecords records, SchemeRepository schemes, ScorecardRepository scorecards, CycleOptions options,
    CaseRepository caseRecords, OutboxRepository outbox, NotificationOptions notifications, ApprovalOptions links, TimeProvider clock, IServiceProvider services) : IBulletinServices
{
    public static string BlobName(string officeId, string period) => $"bulletins/{officeId}/{period}.json";

    /// <summary>How the bulletin itself is stored: JSON.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>How the bulletin is stored: camelCase, nulls written (last month's figures are null in a quarter's
    /// first bulletin and must read back as null), Chinese as itself.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>The bulletin's other files, by name: the page, the workbook and the charts.</summary>
    public static IReadOnlyDictionary<string, string> Files { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bulletin.html"] = "text/html; charset=utf-8",
        ["bulletin.xlsx"] = TableFiles.XlsxType,
        ["departments.svg"] = "image/svg+xml",
        ["distribution.svg"] = "image/svg+xml",
    };

    public static string FileName(string officeId, string period, string file) => $"bulletins/{officeId}/{period}/{file}";

    public static string Stream(string officeId, string period) => $"bulletin-{officeId}-{period}";

    public async Task<BulletinOutcome> ComposeAsync(BulletinInput input, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(input);
        var month = Period.Parse(input.Period);
        var scheme = (await schemes.LatestDecidedAsync(options.SchemeId, cancel).ConfigureAwait(false))?.Scheme
            ?? throw new InvalidOperationException($"scheme {options.SchemeId} has no decided version for the bulletin of {input.OfficeId} {input.Period}");
        var org = await records.OrganisationAsync(input.OfficeId, cancel).ConfigureAwait(false);
        var cards = Scorer.Score(await records.ScoringInputAsync(input.OfficeId, input.Period, scheme, org, cancel).ConfigureAwait(false));
        await scorecards.SaveAsync(input.OfficeId, cards, cancel: cancel).ConfigureAwait(false);

        var earlier = new List<IReadOnlyList<Scorecard>>();
        for (var m = (((month.Number - 1) / 3) * 3) + 1; m < month.Number; m++)
        {
            earlier.Add(await scorecards.ForPeriodAsync(input.OfficeId, Period.Month(month.Year, m).ToString(), scheme.Id, cancel).ConfigureAwait(false));
        }

        var last = month.Number == 1 ? Period.Month(month.Year - 1, 12) : Period.Month(month.Year, month.Number - 1);
        var previous = await ReadAsync(input.OfficeId, last.ToString(), cancel).ConfigureAwait(false);
        var language = notifications.Language;
        var log = await caseRecords.ForPeriodAsync(input.OfficeId, month, cancel).ConfigureAwait(false);
        var bulletin = MonthlyBulletin.Compose(org, scheme, month, cards, earlier, previous, Enumerable.Range(0, log.Count).Select(i => log[i]).ToList(), language);
        if (services.GetService(typeof(Actions.RatingResultsActions)) is Actions.RatingResultsActions ratings
            && await ratings.RatesAsync(input.OfficeId, bulletin.Quarter, cancel).ConfigureAwait(false) is { } rates)
        {
            bulletin = bulletin with { ResponseRates = BulletinResponseRate.Of(rates, org) };
        }

        var name = BlobName(input.OfficeId, input.Period);
        await reports.PutAsync(name, BinaryData.FromObjectAsJson(bulletin, Json), ContentType, cancel).ConfigureAwait(false);
        var files = new Dictionary<string, BinaryData>(StringComparer.Ordinal)
        {
            ["bulletin.html"] = BinaryData.FromString(await PageRenderer.RenderAsync<Pages.Components.BulletinPage>(services, new Dictionary<string, object?>
            {
                ["Context"] = new PageContext(language, null, string.Empty, string.Empty),
                ["Bulletin"] = bulletin,
                ["Standalone"] = true,
            }).ConfigureAwait(false)),
            ["bulletin.xlsx"] = BinaryData.FromBytes(TableFiles.Xlsx(BulletinTables.Of(bulletin, language))),
            ["departments.svg"] = BinaryData.FromString(BulletinCharts.DepartmentAverages(bulletin, language)),
            ["distribution.svg"] = BinaryData.FromString(BulletinCharts.Distribution(bulletin, language)),
        };
        foreach (var (file, content) in files)
        {
            await reports.PutAsync(FileName(input.OfficeId, input.Period, file), content, Files[file], cancel).ConfigureAwait(false);
        }

        await MailHeadsAsync(org, bulletin, cancel).ConfigureAwait(false);
        return new BulletinOutcome(input.OfficeId, input.Period, name, bulletin.Warnings.Count);
    }

    /// <summary>A stored bulletin, or null when there is none (or one of an older form).</summary>
    public async Task<MonthlyBulletin?> ReadAsync(string officeId, string period, CancellationToken cancel)
    {
        if (await reports.GetAsync(BlobName(officeId, period), cancel).ConfigureAwait(false) is not { } stored)
        {
            return null;
        }

        try
        {
            return stored.Content.ToObjectFromJson<MonthlyBulletin>(Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task MailHeadsAsync(OfficeOrganisation org, MonthlyBulletin bulletin, CancellationToken cancel)
    {
        var zh = notifications.Language != Domain.Text.Language.En;
        var url = new Uri(links.PublicBaseUrl, $"api/pages/offices/{bulletin.OfficeId}/bulletins/{bulletin.Period}");
        var mails = new List<OutboxMessage>(bulletin.Departments.Count);
        foreach (var department in bulletin.Departments)
        {
            var head = org.People.FirstOrDefault(p => p.DepartmentId == department.DepartmentId && p.Post == LeadershipPost.DepartmentHead);
            if (head?.Email is not { Length: > 0 } email)
            {
                continue;
            }

            var warnings = bulletin.Warnings.Count(w => w.DepartmentId == department.DepartmentId);
            var change = department.Change is { } c ? (zh ? $"，较上月{(c >= 0 ? "上升" : "下降")} {ScorecardText.Score(Math.Abs(c), bulletin.Decimals)} 分" : $", {(c >= 0 ? "up" : "down")} {ScorecardText.Score(Math.Abs(c), bulletin.Decimals)} on last month") : string.Empty;
            var body = new StringBuilder(zh
                ? $"{head.Name}：{bulletin.OfficeName} {bulletin.Period} 绩效考核月度通报已发布。{department.Name}本月平均分 {ScorecardText.Score(department.Average, bulletin.Decimals)}，全院第 {department.Rank} 名（共 {bulletin.Departments.Count} 个部门）{change}；本部门警示 {warnings} 项{(department.MissingData ? "，数据不全，请补全" : "")}。\n\n通报全文：{url}"
                : $"{head.Name}: the {bulletin.Period} monthly bulletin of {bulletin.OfficeName} is out. {department.Name} averaged {ScorecardText.Score(department.Average, bulletin.Decimals)}, rank {department.Rank} of {bulletin.Departments.Count}{change}; {warnings} warning(s) in the department{(department.MissingData ? ", with missing data to complete" : "")}.\n\nThe bulletin: {url}");
            mails.Add(new OutboxMessage($"bulletin-{department.DepartmentId}", email,
                zh ? $"【绩效考核】{bulletin.Period} 月度通报：{department.Name}第 {department.Rank} 名" : $"[Appraisal] {bulletin.Period} bulletin: {department.Name} rank {department.Rank}",
                body.ToString(), notifications.Language.ToString().ToLowerInvariant(), clock.GetUtcNow(), OfficeId: bulletin.OfficeId));
        }

        await outbox.EnqueueManyAsync(Stream(bulletin.OfficeId, bulletin.Period), mails, cancel).ConfigureAwait(false);
    }
}
