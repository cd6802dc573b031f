using Appraisal.Storage.Approvals;

namespace Appraisal.Storage.Tests.Records;

[Collection(AzuriteCollection.Name)]
public sealed class NonceRepositoryTests
{
    private const string Cycle = "sample-basic~2026-Q1";
    private static readonly DateTimeOffset Noon = new(2026, 4, 2, 12, 0, 0, TimeSpan.FromHours(8));
    private static readonly ApprovalNonce Issued = new("sample-basic-2026-Q1", "n-7f3a9c", "party-member-1", Noon, Noon.AddDays(7));

    [Fact]
    public async Task ANonceIsConsumedOnce_AReplayConflicts409_AndChangesNothing()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new NonceRepository(account);
        await repository.IssueAsync(Issued);

        var used = await repository.ConsumeAsync(Issued.CycleId, Issued.Nonce, "approve", Noon.AddHours(2));
        var before = await StorageSnapshot.TakeAsync(account);
        var replay = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => repository.ConsumeAsync(Issued.CycleId, Issued.Nonce, "reject", Noon.AddHours(3)));

        Assert.Equal(Issued with { UsedAt = Noon.AddHours(2), Decision = "approve" }, used);
        Assert.Equal(409, replay.Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        Assert.Equal(used, (await repository.GetAsync(Issued.CycleId, Issued.Nonce))!.Value);
    }

    [Fact]
    public async Task AnUnknownNonce_IsNotFound()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new NonceRepository(account);
        await repository.IssueAsync(Issued);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => repository.ConsumeAsync(Issued.CycleId, "n-unknown", "approve", Noon));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => repository.ConsumeAsync("another-cycle", Issued.Nonce, "approve", Noon));

        Assert.Null((await repository.GetAsync(Issued.CycleId, Issued.Nonce))!.Value.UsedAt);
    }

    [Fact]
    public async Task IssuingTheSameNonceTwice_Conflicts409()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new NonceRepository(account);
        await repository.IssueAsync(Issued);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => repository.IssueAsync(Issued with { MemberId = "party-member-2" }));

        Assert.Equal(409, conflict.Status);
        Assert.Equal("party-member-1", (await repository.GetAsync(Issued.CycleId, Issued.Nonce))!.Value.MemberId);
    }

    [Fact]
    public async Task FiveConcurrentConsumes_ExactlyOneSucceeds()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new NonceRepository(account);
        await repository.IssueAsync(Issued);

        var attempts = await Task.WhenAll(Enumerable.Range(1, 5).Select(async i =>
        {
            try
            {
                return (Decision: "decision-" + i, Used: await repository.ConsumeAsync(Issued.CycleId, Issued.Nonce, "decision-" + i, Noon.AddMinutes(i)), Status: 0);
            }
            catch (ConcurrencyConflictException ex)
            {
                return (Decision: "decision-" + i, Used: (ApprovalNonce?)null, ex.Status);
            }
        }));

        var winner = Assert.Single(attempts, a => a.Used is not null);
        Assert.Equal([409, 409, 409, 409], attempts.Where(a => a.Used is null).Select(a => a.Status));
        Assert.Equal(winner.Used, (await repository.GetAsync(Issued.CycleId, Issued.Nonce))!.Value);
        Assert.Equal(winner.Decision, winner.Used!.Decision);
    }

    [Fact]
    public async Task ACycleIdThatCannotBeAKey_IsRefused()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new NonceRepository(account);
        var before = await StorageSnapshot.TakeAsync(account);

        var refused = await Assert.ThrowsAsync<StorageKeyException>(() => repository.IssueAsync(Issued with { CycleId = Cycle }));

        Assert.Equal("cycleId", refused.Field);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
    }
}
