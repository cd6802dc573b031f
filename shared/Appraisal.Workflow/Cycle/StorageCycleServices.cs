using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Appraisal.Domain.Cycles;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Ledger;
using Appraisal.Storage.Outbox;
using Appraisal.Storage.Reports;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Scorecards;
using Appraisal.Workflow.Approvals;
using Appraisal.Workflow.Notifications;

namespace Appraisal.Workflow.Cycle;

/// <summary>The cycle's activities against storage and the domain. Every step is idempotent: scorecards are upserted
/// by subject and period, notices are blobs named by cycle and round, mails are outbox rows keyed by round and person,
/// audit entries are appended once per action and target — so an activity run again after a crash changes nothing.</summary>
public sealed class StorageCycleServices(
    ReportStore reports, CycleRecords records, SchemeRepository schemes, ScorecardRepository scorecards, CycleRepository cycles,
    OutboxRepository outbox, LedgerRepository ledger, AuditLog audit, ApprovalService approvals, CycleOptions options, NotificationOptions notification, TimeProvider clock) : ICycleServices
{
    private const string Actor = "workflow";

    public async Task RequestSchemeDecisionAsync(CycleRequest request, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        var org = await records.OrganisationAsync(request.OfficeId, cancel).ConfigureAwait(false);
        var draft = (await schemes.VersionsAsync(request.SchemeId, cancel).ConfigureAwait(false)).LastOrDefault()
            ?? throw new InvalidOperationException($"scheme {request.SchemeId} has no draft to decide");
        var name = draft.Scheme.Name.Zh;
        await MailPartyGroupAsync(request, org, $"scheme-v{draft.Scheme.Version}",
            Pick($"【绩效考核】请审议考核方案《{name}》第 {draft.Scheme.Version} 版", $"[Appraisal] Please decide the scheme '{draft.Scheme.Name.En}' version {draft.Scheme.Version}"),
            Pick($"{org.Office.Name}{request.Period}考核尚无已决定的考核方案。请院党组审议《{name}》第 {draft.Scheme.Version} 版（{draft.Scheme.Categories.Count} 个类别，基础分合计 100 分）。",
                 $"{org.Office.Name} has no decided scheme for {request.Period}. The Party group is asked to decide '{draft.Scheme.Name.En}' version {draft.Scheme.Version} ({draft.Scheme.Categories.Count} categories, base scores adding up to 100)."),
            cancel).ConfigureAwait(false);
    }

    public async Task<string> ScoreAsync(CycleRequest request, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scheme = await records.SchemeAsync(request.SchemeId, request.SchemeVersion, cancel).ConfigureAwait(false);
        var org = await records.OrganisationAsync(request.OfficeId, cancel).ConfigureAwait(false);
        var input = await records.ScoringInputAsync(request.OfficeId, request.Period, scheme, org, cancel).ConfigureAwait(false);
        return await StoreAsync(request, Scorer.Score(input), "scorecards.scored", cancel).ConfigureAwait(false);
    }

    public async Task<string> CombineYearAsync(CycleRequest request, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        var year = int.Parse(request.Period, NumberStyles.None, CultureInfo.InvariantCulture);
        var scheme = await records.SchemeAsync(request.SchemeId, request.SchemeVersion, cancel).ConfigureAwait(false);
        var org = await records.OrganisationAsync(request.OfficeId, cancel).ConfigureAwait(false);
        var subjects = SubjectSet.For(scheme, org);
        var quarters = new List<Scorecard>();
        for (var q = 1; q <= 4; q++)
        {
            quarters.AddRange(await scorecards.ForPeriodAsync(request.OfficeId, $"{year}-Q{q}", scheme.Id, cancel).ConfigureAwait(false));
        }

        // The year's ledger as imported (ImportActions.YearLedgerAsync, checked as the CLI's year-end checks its file).
        var entries = await ledger.ForPeriodAsync(request.OfficeId, request.Period, scheme.Id, cancel).ConfigureAwait(false);
        var cards = YearEndScorer.Score(scheme, year, subjects, quarters, entries,
            await records.YearEndCasesAsync(request.OfficeId, year, scheme, cancel).ConfigureAwait(false));
        return await StoreAsync(request, cards, "scorecards.combined", cancel).ConfigureAwait(false);
    }

    public async Task RequestDecisionAsync(CycleRequest request, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        var org = await records.OrganisationAsync(request.OfficeId, cancel).ConfigureAwait(false);
        var cards = await scorecards.ForPeriodAsync(request.OfficeId, request.Period, request.SchemeId, cancel).ConfigureAwait(false);
        var summary = ResultSummary.Of(cards, notification.Language);
        var hours = (int)Math.Round(approvals.LinkLifetime.TotalHours);
        await MailPartyGroupAsync(request, org, $"decide-r{request.Round}",
            Pick($"【绩效考核】请审议{org.Office.Name}{request.Period}考核结果（第 {request.Round} 轮）", $"[Appraisal] Please decide the {request.Period} results of {org.Office.Name} (round {request.Round})"),
            Pick($"{org.Office.Name}{request.Period}考核结果已经考核办公室核查，提请院党组审议。\n{summary}\n结果编号：{request.ScoringId}",
                 $"The {request.Period} results of {org.Office.Name} have been verified by the appraisal office and are put to the Party group.\n{summary}\nResults id: {request.ScoringId}"),
            cancel, async member =>
            {
                var link = await approvals.IssueAsync(request, member, cancel).ConfigureAwait(false);
                return Pick($"\n\n请打开以下链接查看结果并作出决定（{hours} 小时内有效，仅可使用一次；打开链接不会记录决定）：\n{link}",
                    $"\n\nOpen this link to see the results and decide (valid for {hours} hours, once; opening it records nothing):\n{link}?lang=en");
            }).ConfigureAwait(false);
    }

    public async Task PublishAsync(CycleRequest request, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        var org = await records.OrganisationAsync(request.OfficeId, cancel).ConfigureAwait(false);
        var cards = await scorecards.ForPeriodAsync(request.OfficeId, request.Period, request.SchemeId, cancel).ConfigureAwait(false);
        var notice = PublicNotice.Of(org, request, cards);
        await reports.PutAsync(PublicNotice.BlobName(request), BinaryData.FromObjectAsJson(notice, DomainJson.Options), PublicNotice.ContentType, cancel).ConfigureAwait(false);
        await audit.AppendOnceAsync(request.OfficeId, request.Period, Actor, "notice.published", PublicNotice.BlobName(request), null,
            JsonSerializer.Serialize(new { entries = notice.Entries.Count, until = request.UntilUtc }), clock.GetUtcNow(), cancel).ConfigureAwait(false);
    }

    public async Task FinaliseAsync(CycleRequest request, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        await scorecards.FinaliseAsync(request.OfficeId, request.Period, request.SchemeId, cancel).ConfigureAwait(false);
        var org = await records.OrganisationAsync(request.OfficeId, cancel).ConfigureAwait(false);
        var cards = await scorecards.ForPeriodAsync(request.OfficeId, request.Period, request.SchemeId, cancel).ConfigureAwait(false);
        var language = notification.Language;
        var mails = new List<OutboxMessage>(cards.Count);
        foreach (var card in cards)
        {
            var to = card.SubjectKind == SubjectKind.Person
                ? org.People.FirstOrDefault(p => p.Id == card.SubjectId)?.Email
                : org.People.FirstOrDefault(p => p.DepartmentId == card.SubjectId && p.Post == LeadershipPost.DepartmentHead)?.Email;
            if (to is not { Length: > 0 })
            {
                continue;
            }

            var grade = ScorecardText.Grade(card.Grade, language);
            mails.Add(new OutboxMessage($"result-{card.SubjectId}", to,
                Pick($"【绩效考核】{request.Period}考核结果：{grade}", $"[Appraisal] Your {request.Period} result: {grade}"),
                Pick($"{card.SubjectName}：{org.Office.Name}{request.Period}考核结果已经院党组决定并公示期满，现为最终结果：总分 {ScorecardText.Score(card.Total, card.Decimals)}，等次 {grade}，全院排名第 {card.OfficeRank} 名。结果已记入电子业绩档案。",
                     $"{card.SubjectName}: the {request.Period} result of {org.Office.Name}, decided by the Party group and past its objection period, is final: total {ScorecardText.Score(card.Total, card.Decimals)}, grade {grade}, office rank {card.OfficeRank}. It is recorded in your performance dossier."),
                language.ToString().ToLowerInvariant(), clock.GetUtcNow(), OfficeId: request.OfficeId));
        }

        await outbox.EnqueueManyAsync(OutboxCycleNotifications.Stream(request.OfficeId, request.Period), mails, cancel).ConfigureAwait(false);

        if (await cycles.GetAsync(request.OfficeId, request.Period, cancel).ConfigureAwait(false) is { } cycle && cycle.Value.Stage != CycleStage.Final)
        {
            await cycles.UpdateAsync(cycle.Value with { Stage = CycleStage.Final, SchemeVersion = request.SchemeVersion, UpdatedAt = clock.GetUtcNow() }, cycle.ETag, cancel).ConfigureAwait(false);
        }

        await audit.AppendOnceAsync(request.OfficeId, request.Period, Actor, "results.finalised", $"{request.OfficeId}/{request.Period}/{request.SchemeId}", null,
            JsonSerializer.Serialize(new { count = cards.Count, scoringId = request.ScoringId }), clock.GetUtcNow(), cancel).ConfigureAwait(false);
    }

    /// <summary>Stores the scorecards and returns their id: office, period, scheme version and a digest of the cards,
    /// so each round's results are told apart and traced to what was stored.</summary>
    private async Task<string> StoreAsync(CycleRequest request, IReadOnlyList<Scorecard> cards, string action, CancellationToken cancel)
    {
        await scorecards.SaveAsync(request.OfficeId, cards, cancel: cancel).ConfigureAwait(false);
        var digest = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(cards, DomainJson.Compact)));
        var id = string.Create(CultureInfo.InvariantCulture, $"{request.OfficeId}/{request.Period}/{request.SchemeId}@{request.SchemeVersion}/r{request.Round}/{digest[..16]}");
        await audit.AppendOnceAsync(request.OfficeId, request.Period, Actor, action, id, null,
            JsonSerializer.Serialize(new { count = cards.Count, sha256 = digest }), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        return id;
    }

    private async Task MailPartyGroupAsync(CycleRequest request, OfficeOrganisation org, string kind, string subject, string body, CancellationToken cancel,
        Func<string, Task<string>>? personal = null)
    {
        var (members, _) = CycleRecords.PartyGroup(org, options);
        var mails = new List<OutboxMessage>(members.Count);
        foreach (var member in members)
        {
            var to = org.People.FirstOrDefault(p => p.Id == member)?.Email ?? notification.AppraisalOfficeEmail;
            var text = personal is null ? body : body + await personal(member).ConfigureAwait(false);
            mails.Add(new OutboxMessage($"{kind}-{member}", to, subject, text, notification.Language.ToString().ToLowerInvariant(), clock.GetUtcNow(), OfficeId: request.OfficeId));
        }

        await outbox.EnqueueManyAsync(OutboxCycleNotifications.Stream(request.OfficeId, request.Period), mails, cancel).ConfigureAwait(false);
    }

    private string Pick(string zh, string en) => notification.Language == Language.En ? en : zh;
}
