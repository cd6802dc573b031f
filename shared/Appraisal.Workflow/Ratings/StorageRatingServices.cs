using System.Text.Json;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Text;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Ballots;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Outbox;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Approvals;
using Appraisal.Workflow.Notifications;

namespace Appraisal.Workflow.Ratings;

/// <summary>The rating window over storage: the ballot box opened until the close, every rater invited by mail (a link
/// to their questionnaire), those who have not answered every section reminded, and the ballots sealed with the
/// scheme's minimum per group — the seal's SHA-256 appended to the period's audit chain. Mails go through the outbox
/// under keys of their own (<c>ratings-invite-</c>/<c>ratings-remind-</c> and the rater), so a retried activity sends
/// each once.</summary>
public sealed class StorageRatingServices(OrganisationRepository organisation, SchemeRepository schemes, BallotBox box, OutboxRepository outbox, AuditLog audit,
    NotificationOptions options, ApprovalOptions links, TimeProvider clock) : IRatingServices
{
    public const string Actor = "system";

    public async Task OpenAsync(RatingRequest window, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(window);
        var until = await box.OpenAsync(window.OfficeId, window.Period, window.UntilUtc, cancel).ConfigureAwait(false);
        var (org, scheme) = await LoadAsync(window, cancel).ConfigureAwait(false);
        var raters = Questionnaire.Raters(org, scheme, window.PartyGroup).ToList();
        await audit.AppendOnceAsync(window.OfficeId, window.Period, Actor, "ratings.opened", window.Period, null,
            JsonSerializer.Serialize(new { untilUtc = until, raters = raters.Count, questions = raters.Sum(r => r.Sections.Sum(s => s.Questions.Count)) }), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        await outbox.EnqueueManyAsync(OutboxCycleNotifications.Stream(window.OfficeId, window.Period),
            raters.Select(r => Mail(window, r.Rater, "invite", until, r.Sections.Sum(s => s.Questions.Select(q => q.Subject.Id).Distinct().Count()))).OfType<OutboxMessage>(), cancel).ConfigureAwait(false);
    }

    public async Task<int> RemindAsync(RatingRequest window, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(window);
        var (org, scheme) = await LoadAsync(window, cancel).ConfigureAwait(false);
        var answered = (await box.ParticipationAsync(window.OfficeId, window.Period, cancel).ConfigureAwait(false))
            .Select(p => (p.RaterId, p.Section)).ToHashSet();
        var unanswered = Questionnaire.Raters(org, scheme, window.PartyGroup)
            .Select(r => (r.Rater, Count: r.Sections.Count(s => !answered.Contains((r.Rater.Id, s.Id)))))
            .Where(r => r.Count > 0)
            .ToList();
        // The close the invitation named: the first one stored for the period, which a cycle started again keeps.
        var until = await box.WindowAsync(window.OfficeId, window.Period, cancel).ConfigureAwait(false) ?? window.UntilUtc;
        await outbox.EnqueueManyAsync(OutboxCycleNotifications.Stream(window.OfficeId, window.Period),
            unanswered.Select(r => Mail(window, r.Rater, "remind", until, r.Count)).OfType<OutboxMessage>(), cancel).ConfigureAwait(false);
        return unanswered.Count;
    }

    public async Task<string> SealAsync(RatingRequest window, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(window);
        // Not before the close the raters were told: the first one stored stands, and a cycle started again may count
        // an earlier one of its own. (Their requests read no seal until a minute before that close.)
        if (await box.WindowAsync(window.OfficeId, window.Period, cancel).ConfigureAwait(false) is { } told && clock.GetUtcNow().UtcDateTime < told)
        {
            return SealRatingsActivity.Later(told);
        }

        var (_, scheme) = await LoadAsync(window, cancel).ConfigureAwait(false);
        var minimum = scheme.RatedIndicators.SelectMany(i => i.RaterGroups.Select(g => (i.Id, g.Group, g.EffectiveMinResponses)))
            .ToDictionary(x => (x.Id, x.Group), x => x.EffectiveMinResponses);
        var seal = await box.SealOnlyAsync(window.OfficeId, window.Period, (indicator, group) => minimum.GetValueOrDefault((indicator, group), RaterGroup.DefaultMinResponses), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        await audit.AppendOnceAsync(window.OfficeId, window.Period, Actor, "ratings.sealed", window.Period, null,
            JsonSerializer.Serialize(new { sha256 = seal.Sha256, answers = seal.Answers, cells = seal.Cells, sealedAt = seal.SealedAt }), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        return seal.Sha256;
    }

    public Task PurgeAsync(RatingRequest window, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(window);
        return box.PurgeAsync(window.OfficeId, window.Period, cancel);
    }

    private async Task<(OfficeOrganisation Organisation, Scheme Scheme)> LoadAsync(RatingRequest window, CancellationToken cancel)
    {
        var org = await organisation.LoadAsync(window.OfficeId, cancel).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"office {window.OfficeId} has no imported organisation");
        var scheme = (await schemes.GetAsync(window.SchemeId, window.SchemeVersion, cancel).ConfigureAwait(false))?.Scheme
            ?? throw new InvalidOperationException($"scheme {window.SchemeId} v{window.SchemeVersion} does not exist");
        return (org, scheme);
    }

    /// <summary>An invitation or a reminder to one rater, linking to their questionnaire; none without an address.</summary>
    private OutboxMessage? Mail(RatingRequest window, Person rater, string kind, DateTime untilUtc, int count)
    {
        if (rater.Email is not { Length: > 0 } to)
        {
            return null;
        }

        var until = Calendar.StageDeadlines.Display(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(untilUtc, DateTimeKind.Utc), Schedules.Checkpoints.Zone(options.TimeZone)));
        var link = new Uri(links.PublicBaseUrl, $"api/pages/cycles/{window.OfficeId}/{window.Period}/ratings");
        var zh = options.Language == Language.Zh;
        var (subject, body) = kind == "invite"
            ? (zh ? $"【绩效考核】请参加{window.Period}民主测评（{until} 截止）" : $"[Appraisal] Please take part in the {window.Period} ratings (closing {until})",
               zh ? $"{rater.Name}：{window.Period}民主测评已开始，请在 {until}（北京时间）前对 {count} 名考核对象评分：{link}\n测评匿名：系统只记录您是否已提交，不记录您的评分与您的对应关系。提交后浏览器保存一份回执，凭回执可在截止前修改。"
                  : $"{rater.Name}: the {window.Period} ratings are open. Please rate {count} people by {until} (Beijing time): {link}\nRatings are anonymous: the system records that you answered, never which answers are yours. Your browser keeps a receipt with which you may revise them until the close.")
            : (zh ? $"【绩效考核】{window.Period}民主测评将于 {until} 截止，您尚未完成" : $"[Appraisal] The {window.Period} ratings close at {until}; yours are not complete",
               zh ? $"{rater.Name}：您还有 {count} 部分测评未提交，请在 {until}（北京时间）前完成：{link}" : $"{rater.Name}: {count} section(s) of your ratings are not answered yet; please complete them by {until} (Beijing time): {link}");
        return new OutboxMessage($"ratings-{kind}-{rater.Id}", to, subject, body, options.Language.ToString().ToLowerInvariant(), clock.GetUtcNow(), OfficeId: window.OfficeId);
    }
}
