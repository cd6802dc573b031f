using Appraisal.Storage.Audit;
using Appraisal.Storage.Ballots;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Outbox;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Approvals;
using Appraisal.Workflow.Notifications;
using Appraisal.Workflow.Ratings;
using Appraisal.Workflow.Tests.Notifications;
using Microsoft.Extensions.Time.Testing;

namespace Appraisal.Workflow.Tests.Ratings;

/// <summary>The rating window's activities over Azurite with the sample office under template B: every rater invited
/// once, only those with sections unanswered reminded (once, however often the activity runs), the ballots sealed — not
/// before the close the raters were told — with each group's minimum and the seal's hash in the audit chain once.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageRatingServicesTests
{
    private const string Quarter = "2026-Q1";

    [Fact]
    public async Task OpenRemindSeal_EachOnce_WithTheSchemesMinimumPerGroup()
    {
        var (account, scheme, sample) = await HeldQuarter.SampleAsync(Quarter);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var org = sample.Organisation;
        var box = new BallotBox(account);
        var outbox = new OutboxRepository(account);
        var audit = new AuditLog(account);
        var services = new StorageRatingServices(new OrganisationRepository(account), new SchemeRepository(account), box, outbox, audit,
            new NotificationOptions(), new ApprovalOptions { PublicBaseUrl = new Uri("https://kaohe.example/") }, clock);
        var until = DateTime.UtcNow.AddHours(2);
        var window = new RatingRequest(org.Office.Id, Quarter, scheme.Id, scheme.Version, until, []);
        var stream = OutboxCycleNotifications.Stream(org.Office.Id, Quarter);
        var raters = Questionnaire.Raters(org, scheme, []).ToList();

        await services.OpenAsync(window, default);
        await services.OpenAsync(window, default); // a retried activity
        var invited = (await outbox.AllAsync(stream)).Select(m => m.Value).Where(m => m.Key.StartsWith("ratings-invite-", StringComparison.Ordinal)).ToList();
        Assert.Equal(raters.Count(r => r.Rater.Email is { Length: > 0 }), invited.Count);
        Assert.Contains("https://kaohe.example/api/pages/cycles/" + org.Office.Id + "/2026-Q1/ratings", invited[0].Body, StringComparison.Ordinal);
        Assert.Equal(until, (await box.WindowAsync(org.Office.Id, Quarter))!.Value, TimeSpan.FromSeconds(1));

        // One rater answers every section; the others are reminded, once however often the activity runs.
        var (done, sections) = raters.First(r => r.Rater.Email is { Length: > 0 });
        var receipt = BallotBox.NewReceipt();
        foreach (var section in sections)
        {
            await box.CastAsync(org.Office.Id, Quarter, done.Id, section.Id, receipt, section.Questions.Select(q => new BallotScore(q.Subject.Id, q.Indicator.Id, q.Group.Group, 90m)).ToList());
        }

        Assert.Equal(raters.Count - 1, await services.RemindAsync(window, default));
        await services.RemindAsync(window, default);
        var reminded = (await outbox.AllAsync(stream)).Select(m => m.Value).Where(m => m.Key.StartsWith("ratings-remind-", StringComparison.Ordinal)).ToList();
        Assert.Equal(raters.Count(r => r.Rater.Id != done.Id && r.Rater.Email is { Length: > 0 }), reminded.Count);
        Assert.DoesNotContain(reminded, m => m.Key == "ratings-remind-" + done.Id);

        // Not sealed before the close the raters were told, though the orchestration asks at its own (a cycle started
        // again that counted an earlier one): that close is returned, and nothing changes.
        var before = await StorageSnapshot.TakeAsync(account);
        var early = await services.SealAsync(window with { UntilUtc = until.AddHours(-1) }, default);
        Assert.Equal(until, SealRatingsActivity.LaterClose(early)!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));

        // Sealed with the scheme's minimum per group: one rater's answers stay below every minimum above one.
        clock.SetUtcNow(until);
        var hash = await services.SealAsync(window, default);
        Assert.Null(SealRatingsActivity.LaterClose(hash));
        Assert.Equal(hash, await services.SealAsync(window, default));
        var cells = await box.CellsAsync(org.Office.Id, Quarter);
        var groups = scheme.RatedIndicators.SelectMany(i => i.RaterGroups.Select(g => (i.Id, g.Group, g.EffectiveMinResponses))).ToDictionary(x => (x.Id, x.Group), x => x.EffectiveMinResponses);
        Assert.All(cells, c => Assert.Equal(groups[(c.IndicatorId, c.Group)] > 1, c.BelowMinimum));
        var sealedEntry = Assert.Single(await audit.ReadAsync(org.Office.Id, Quarter), e => e.Action == "ratings.sealed");
        Assert.Contains(hash, sealedEntry.After, StringComparison.Ordinal);
        Assert.Single(await audit.ReadAsync(org.Office.Id, Quarter), e => e.Action == "ratings.opened");
    }
}
