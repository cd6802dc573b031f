using Appraisal.Domain.Periods;
using Appraisal.Domain.Sample;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Outbox;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Notifications;

namespace Appraisal.Workflow.Tests.Notifications;

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

/// <summary>Reminders and escalations land in the outbox (a real Azurite) once each, in Chinese, to the right people.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OutboxCycleNotificationsTests
{
    private static readonly DateTime DeadlineUtc = new(2026, 4, 10, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task ARetriedReminder_IsQueuedOnce_ToTheDepartmentHead_AndAnEscalationAlsoToTheOffice()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var sample = SampleOffice.Generate(new SampleOptions { Period = Period.Quarter(2026, 1) }, []);
        await new OrganisationRepository(account).ImportAsync(sample.Organisation);
        var outbox = new OutboxRepository(account);
        var notifications = new OutboxCycleNotifications(new OrganisationRepository(account), outbox, new NotificationOptions { AppraisalOfficeEmail = "kaohe@sample-basic.example" }, TimeProvider.System);
        var notice = new DepartmentNotices("sample-basic", "2026-Q1", DeadlineUtc, ["D02"]);
        var head = sample.Organisation.People.Single(p => p.DepartmentId == "D02" && p.Post == Domain.Organisation.LeadershipPost.DepartmentHead);

        await notifications.RemindAsync(notice, CancellationToken.None);
        await notifications.RemindAsync(notice, CancellationToken.None);
        await notifications.EscalateAsync(notice, CancellationToken.None);
        var pending = await outbox.PendingAsync(OutboxCycleNotifications.Stream("sample-basic", "2026-Q1"));

        Assert.Equal(3, pending.Count);
        var reminder = Assert.Single(pending, m => m.RowKey.Contains("remind", StringComparison.Ordinal)).Value;
        Assert.Equal(head.Email, reminder.To);
        Assert.Equal("【绩效考核】第一检察部2026-Q1自查自评将于 2026-04-10 18:00 截止", reminder.Subject);
        Assert.Contains(head.Name, reminder.Body, StringComparison.Ordinal);
        Assert.Equal([head.Email, "kaohe@sample-basic.example"], pending.Where(m => m.RowKey.Contains("escalate", StringComparison.Ordinal)).Select(m => m.Value.To));
        Assert.All(pending, m => Assert.Equal("zh", m.Value.Language));
        Assert.All(pending, m => Assert.Equal("sample-basic", m.Value.OfficeId)); // whose dashboard shows it if it is set aside

        // A correction's missed deadline is escalated again: keyed by its own deadline, not taken for the first one's.
        await notifications.EscalateAsync(notice with { DeadlineUtc = DeadlineUtc.AddDays(3) }, CancellationToken.None);
        Assert.Equal(4, (await outbox.PendingAsync(OutboxCycleNotifications.Stream("sample-basic", "2026-Q1"))).Count(m => m.RowKey.Contains("escalate", StringComparison.Ordinal)));

        // Windows due together: one call reminds each of its departments' heads.
        await notifications.RemindAsync(new DepartmentNotices("sample-basic", "2026-Q1", DeadlineUtc, ["D03", "D04"]), CancellationToken.None);
        var heads = sample.Organisation.People.Where(p => p.DepartmentId is "D03" or "D04" && p.Post == Domain.Organisation.LeadershipPost.DepartmentHead).Select(p => p.Email).Order();
        Assert.Equal(heads, (await outbox.PendingAsync(OutboxCycleNotifications.Stream("sample-basic", "2026-Q1"))).Where(m => m.RowKey.Contains("remind", StringComparison.Ordinal)).Skip(1).Select(m => m.Value.To).Order());
    }
}
