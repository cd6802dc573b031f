using Appraisal.Domain.Cycles;
using Appraisal.Storage.Cycles;

namespace Appraisal.Storage.Tests.Records;

[Collection(AzuriteCollection.Name)]
public sealed class CycleRepositoryTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 5, 12, 0, 0, TimeSpan.FromHours(8));
    private static readonly CycleRecord Cycle = new("sample-basic", "2026-Q1", "template-b", 1, CycleStage.Started, Noon, Noon);

    [Fact]
    public async Task ACycleIsCreatedOnce_ASecondStartConflicts409_AndChangesNothing()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new CycleRepository(account);
        await repository.CreateAsync(Cycle);
        var before = await StorageSnapshot.TakeAsync(account);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => repository.CreateAsync(Cycle with { Stage = CycleStage.Scoring, SchemeVersion = 2 }));

        Assert.Equal(409, conflict.Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        Assert.Equal(Cycle, (await repository.GetAsync("sample-basic", "2026-Q1"))!.Value);
    }

    [Fact]
    public async Task TwoUpdatesFromTheSameETag_TheSecondConflicts412_AndTheFirstStays()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new CycleRepository(account);
        var created = await repository.CreateAsync(Cycle);
        var first = Cycle with { Stage = CycleStage.SelfEvaluation, UpdatedAt = Noon.AddDays(1) };
        var updated = await repository.UpdateAsync(first, created.ETag);
        var before = await StorageSnapshot.TakeAsync(account);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => repository.UpdateAsync(Cycle with { Stage = CycleStage.Final }, created.ETag));

        Assert.Equal(412, conflict.Status);
        Assert.NotEqual(created.ETag, updated.ETag);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        var stored = await repository.GetAsync("sample-basic", "2026-Q1");
        Assert.Equal(first, stored!.Value);
        Assert.Equal(updated.ETag, stored.ETag);
        var next = await repository.UpdateAsync(first with { Stage = CycleStage.Scoring }, stored.ETag);
        Assert.Equal(CycleStage.Scoring, (await repository.GetAsync("sample-basic", "2026-Q1"))!.Value.Stage);
        Assert.Equal(next.ETag, (await repository.GetAsync("sample-basic", "2026-Q1"))!.ETag);
    }

    [Fact]
    public async Task UpdatingACycleThatDoesNotExist_IsNotFound()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new CycleRepository(account);
        var created = await repository.CreateAsync(Cycle);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => repository.UpdateAsync(Cycle with { Period = "2026-Q2" }, created.ETag));

        Assert.Null(await repository.GetAsync("sample-basic", "2026-Q2"));
    }

    [Fact]
    public async Task AnOfficesCycles_AreListedInPeriodOrder()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new CycleRepository(account);
        await repository.CreateAsync(Cycle with { Period = "2026-Q2" });
        await repository.CreateAsync(Cycle);
        await repository.CreateAsync(Cycle with { OfficeId = "another-office" });

        var cycles = await repository.ForOfficeAsync("sample-basic");

        Assert.Equal(["2026-Q1", "2026-Q2"], cycles.Select(c => c.Value.Period));
        Assert.Equal(["2026-Q1", "2026-Q2"], cycles.Select(c => c.RowKey));
    }
}
