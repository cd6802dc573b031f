using Appraisal.Storage.Timers;

namespace Appraisal.Storage.Tests.Records;

[Collection(AzuriteCollection.Name)]
public sealed class TimerFireRepositoryTests
{
    private static readonly DateTimeOffset February28 = new(2026, 2, 28, 16, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset March31 = new(2026, 3, 31, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheRecord_MovesForward_AndAnOlderFireLeavesItAsItIs()
    {
        var repository = new TimerFireRepository(await AzuriteFixture.FreshAccountAsync());
        Assert.Null(await repository.GetAsync("Monthly"));

        await repository.RecordAsync("Monthly", February28, February28.AddMinutes(1));
        var forward = await repository.RecordAsync("Monthly", March31, March31.AddMinutes(1));
        var older = await repository.RecordAsync("Monthly", February28, March31.AddMinutes(2));

        Assert.Equal(new TimerFire("Monthly", March31, March31.AddMinutes(1)), forward);
        Assert.Equal(forward, older);
        Assert.Equal(forward, await repository.GetAsync("Monthly"));
        Assert.Null(await repository.GetAsync("Quarterly"));
    }

    [Fact]
    public async Task ConcurrentRecords_KeepTheLatestFire()
    {
        var repository = new TimerFireRepository(await AzuriteFixture.FreshAccountAsync());
        var fires = Enumerable.Range(0, 5).Select(i => February28.AddDays(i)).ToList();

        await Task.WhenAll(fires.Select(f => repository.RecordAsync("Quarterly", f, f)));

        Assert.Equal(fires[^1], (await repository.GetAsync("Quarterly"))!.LastFired);
    }
}
