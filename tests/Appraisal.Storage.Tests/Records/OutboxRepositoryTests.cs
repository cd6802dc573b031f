using Appraisal.Storage.Outbox;

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
}
