using Appraisal.Storage.Infrastructure;
using Appraisal.Storage.Outbox;
using Azure.Data.Tables;

namespace Appraisal.Storage.Tests.Records;

[Collection(AzuriteCollection.Name)]
public sealed class OutboxRepositoryTests
{
    private const string Stream = "sample-basic-2026-Q1";
    private static readonly DateTimeOffset Noon = new(2026, 4, 1, 12, 0, 0, TimeSpan.FromHours(8));
    private static readonly OutboxMessage Message = new("approval-request-party-member-1", "member1@sample-basic.example", "请审批2026年第一季度考核结果", "<p>请审批</p>", "zh", Noon);

    [Fact]
    public async Task EnqueuingTwice_StoresOnce_AndTheFirstMessageStays()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new OutboxRepository(account);

        var first = await repository.EnqueueAsync(Stream, Message);
        var before = await StorageSnapshot.TakeAsync(account);
        var second = await repository.EnqueueAsync(Stream, Message with { Body = "<p>retried</p>", CreatedAt = Noon.AddMinutes(1) });

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        Assert.Equal(Message, Assert.Single(await repository.PendingAsync(Stream)).Value);
    }

    [Fact]
    public async Task ManyMessages_AreStoredInTransactionsOfAHundred_EachOnce_AndThoseThereAlreadyStayAsTheyWere()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new OutboxRepository(account);
        var messages = Enumerable.Range(0, 250).Select(i => Message with { Key = $"ratings-invite-E{i:D4}", To = $"e{i}@sample-basic.example" }).ToList();

        var requests = account.Requests.Count;
        Assert.Equal(250, await repository.EnqueueManyAsync(Stream, messages));
        Assert.Equal(3, account.Requests.Count - requests);
        Assert.Equal(messages.OrderBy(m => m.Key, StringComparer.Ordinal), (await repository.PendingAsync(Stream)).Select(m => m.Value));

        // Again, as a retried activity would, with two new ones and one key twice: the new ones stored, the first of a
        // key taken, every message already there left as it was.
        var again = messages.Take(120).Select(m => m with { Body = "<p>retried</p>" })
            .Append(Message with { Key = "ratings-invite-new1" })
            .Append(Message with { Key = "ratings-invite-new1", Body = "<p>second of one key</p>" })
            .Append(Message with { Key = "ratings-invite-new2" })
            .ToList();
        Assert.Equal(2, await repository.EnqueueManyAsync(Stream, again));
        var stored = (await repository.AllAsync(Stream)).Select(m => m.Value).ToList();
        Assert.Equal(252, stored.Count);
        Assert.DoesNotContain(stored, m => m.Body != Message.Body);
        Assert.Equal(0, await repository.EnqueueManyAsync(Stream, []));
    }

    [Fact]
    public async Task ASentMessage_IsNoLongerPending_AndMarkingItSentFromTheOldETagConflicts412()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new OutboxRepository(account);
        await repository.EnqueueAsync(Stream, Message);
        var other = Message with { Key = "approval-request-party-member-2", To = "member2@sample-basic.example" };
        await repository.EnqueueAsync(Stream, other);
        await repository.EnqueueAsync("another-stream", Message);
        var pending = await repository.PendingAsync(Stream);
        Assert.Equal([Message, other], pending.Select(m => m.Value));

        var sent = await repository.MarkSentAsync(pending[0], Noon.AddMinutes(2));

        Assert.Equal(Message with { SentAt = Noon.AddMinutes(2) }, sent.Value);
        Assert.Equal([other], (await repository.PendingAsync(Stream)).Select(m => m.Value));
        var before = await StorageSnapshot.TakeAsync(account);
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => repository.MarkSentAsync(pending[0], Noon.AddMinutes(3)));
        Assert.Equal(412, conflict.Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        Assert.Equal([Message], (await repository.PendingAsync("another-stream")).Select(m => m.Value));
    }

    [Fact]
    public async Task MessagesWaitingToRetry_DoNotHideDueOnes_HoweverManyComeFirst()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new OutboxRepository(account);
        for (var i = 0; i < 30; i++)
        {
            await repository.EnqueueAsync("a-waiting", Message with { Key = $"k{i:D2}" });
        }

        foreach (var waiting in await repository.DueAsync(Noon, 100))
        {
            await repository.ReleaseAsync(await repository.ClaimAsync(waiting, Noon.AddMinutes(1)), Noon.AddMinutes(5), "550 no such user");
        }

        await repository.EnqueueAsync("b-due", Message with { Key = "due-1" });
        await repository.EnqueueAsync("b-due", Message with { Key = "due-2" });

        var due = await repository.DueAsync(Noon.AddMinutes(1), 10);

        Assert.Equal(["due-1", "due-2"], due.Select(m => m.Value.Key));
        Assert.Equal(32, (await repository.DueAsync(Noon.AddMinutes(5), 100)).Count);
    }

    [Fact]
    public async Task ARowStoredBeforeNextAttemptAt_IsFoundDue_AndGetsTheColumn_WhileOnesWaitingOrSentAreNot()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var before = new RecordTable<OutboxMessage>(account, TableNames.Outbox, (m, e) => e["Sent"] = m.SentAt is not null);
        await before.AddAsync(Stream, "old-new", Message with { Key = "old-new" });
        await before.AddAsync(Stream, "old-waiting", Message with { Key = "old-waiting", ClaimedUntil = Noon.AddHours(1), Attempts = 3, LastError = "451 try later" });
        await before.AddAsync(Stream, "old-sent", Message with { Key = "old-sent", SentAt = Noon });
        var table = account.Table(TableNames.Outbox);
        Assert.False((await table.GetEntityAsync<TableEntity>(Stream, "old-new")).Value.ContainsKey("NextAttemptAt"));

        var due = await new OutboxRepository(account).DueAsync(Noon.AddMinutes(1), 100);

        Assert.Equal(["old-new"], due.Select(m => m.Value.Key));
        Assert.Equal(Noon, (await table.GetEntityAsync<TableEntity>(Stream, "old-new")).Value.GetDateTimeOffset("NextAttemptAt"));
        Assert.Equal(Noon.AddHours(1), (await table.GetEntityAsync<TableEntity>(Stream, "old-waiting")).Value.GetDateTimeOffset("NextAttemptAt"));
        Assert.False((await table.GetEntityAsync<TableEntity>(Stream, "old-sent")).Value.ContainsKey("NextAttemptAt"));
        Assert.Equal(["old-new", "old-waiting"], (await new OutboxRepository(account).DueAsync(Noon.AddHours(1), 100)).Select(m => m.Value.Key));
    }

    [Fact]
    public async Task ASetAsideMessage_IsNeverDue_IsListedWithItsError_AndResendingMakesItDueOnce()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new OutboxRepository(account);
        await repository.EnqueueAsync(Stream, Message);
        var claimed = await repository.ClaimAsync(Assert.Single(await repository.DueAsync(Noon, 10)), Noon.AddMinutes(2));
        await repository.SetAsideAsync(claimed, Noon.AddMinutes(1), "550 5.1.1 mailbox unavailable");

        Assert.Empty(await repository.DueAsync(Noon.AddYears(1), 10));
        var failed = Assert.Single(await repository.FailedAsync(10));
        Assert.Equal(Message with { Attempts = 1, LastError = "550 5.1.1 mailbox unavailable", SetAsideAt = Noon.AddMinutes(1) }, failed.Value);

        Assert.Equal(OutboxResend.NotFound, await repository.ResendAsync(Stream, "no-such-key", null, Noon.AddDays(1)));
        Assert.Equal(OutboxResend.Resent, await repository.ResendAsync(Stream, Message.Key, "member1@corrected.example", Noon.AddDays(1)));
        Assert.Equal(OutboxResend.NotSetAside, await repository.ResendAsync(Stream, Message.Key, null, Noon.AddDays(2)));

        Assert.Empty(await repository.FailedAsync(10));
        Assert.Empty(await repository.DueAsync(Noon.AddDays(1).AddSeconds(-1), 10));
        var again = Assert.Single(await repository.DueAsync(Noon.AddDays(1), 10));
        Assert.Equal(Message with { To = "member1@corrected.example", ClaimedUntil = Noon.AddDays(1), LastError = "550 5.1.1 mailbox unavailable" }, again.Value);
    }
}
