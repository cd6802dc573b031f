using Appraisal.Domain.Schemes;
using Appraisal.Storage.Schemes;

namespace Appraisal.Storage.Tests.Schemes;

[Collection(AzuriteCollection.Name)]
public sealed class SchemeRepositoryTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 5, 12, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Draft_Update_Decide_RoundTrips_AndTheDecidedVersionIsFrozen()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new SchemeRepository(account);
        var scheme = SchemeTemplates.Load("A");

        var draft = await repository.AddDraftAsync(scheme);
        var edited = scheme with { Name = new LocalizedText("修订后的方案", "Revised") };
        var updated = await repository.UpdateDraftAsync(edited, draft.ETag);
        var decided = await repository.DecideAsync(scheme.Id, scheme.Version, "party-group", Noon, updated.ETag);
        var before = await StorageSnapshot.TakeAsync(account);

        var refused = await Assert.ThrowsAsync<ImmutableRecordException>(() => repository.UpdateDraftAsync(scheme, decided.ETag));

        Assert.Contains("frozen", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        var stored = await repository.GetAsync(scheme.Id, scheme.Version);
        Assert.Equal(SchemeStatus.Decided, stored!.Status);
        Assert.Equal("修订后的方案", stored.Scheme.Name.Zh);
        Assert.Equal(SchemeDocumentText(edited), SchemeDocumentText(stored.Scheme));
        Assert.Equal(Noon, stored.DecidedAt);
    }

    [Fact]
    public async Task AnOfficesSchemes_AreEveryVersionItOwns_AndNoneOfAnotherOrReadyMade()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new SchemeRepository(account);
        var b = SchemeTemplates.Load("B");
        await repository.AddDraftAsync(b);
        await repository.AddDraftAsync(b with { Id = "office-a-scheme", Version = 2 }, "office-a");
        await repository.AddDraftAsync(b with { Id = "office-a-scheme" }, "office-a");
        await repository.AddDraftAsync(b with { Id = "office-a-other" }, "office-a");
        await repository.AddDraftAsync(b with { Id = "office-b-scheme" }, "office-b");

        var own = await repository.ForOfficeAsync("office-a");

        Assert.Equal([("office-a-other", 1), ("office-a-scheme", 1), ("office-a-scheme", 2)], own.Select(s => (s.Scheme.Id, s.Scheme.Version)));
        Assert.All(own, s => Assert.Equal("office-a", s.OfficeId));
        Assert.Empty(await repository.ForOfficeAsync("office-c"));
    }

    [Fact]
    public async Task UpdateWithAStaleETag_Conflicts412_AndChangesNothing()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new SchemeRepository(account);
        var scheme = SchemeTemplates.Load("B");
        var draft = await repository.AddDraftAsync(scheme);
        await repository.UpdateDraftAsync(scheme with { Name = new LocalizedText("第一人修改") }, draft.ETag);
        var before = await StorageSnapshot.TakeAsync(account);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => repository.UpdateDraftAsync(scheme with { Name = new LocalizedText("第二人修改") }, draft.ETag));

        Assert.Equal(412, conflict.Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        Assert.Equal("第一人修改", (await repository.GetAsync(scheme.Id, scheme.Version))!.Scheme.Name.Zh);
    }

    [Fact]
    public async Task AChangeIsANewVersion_TheOldDecidedOneStaysAsItWas()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new SchemeRepository(account);
        var v1 = SchemeTemplates.Load("C");
        var stored = await repository.AddDraftAsync(v1);
        await repository.DecideAsync(v1.Id, 1, "party-group", Noon, stored.ETag);

        await repository.AddDraftAsync(v1 with { Version = 2, Grading = v1.Grading with { ExcellentQuotaPercent = 15m } });
        var duplicate = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => repository.AddDraftAsync(v1));

        Assert.Equal(409, duplicate.Status);
        var versions = await repository.VersionsAsync(v1.Id);
        Assert.Equal([1, 2], versions.Select(v => v.Scheme.Version));
        Assert.Equal(20m, versions[0].Scheme.Grading.ExcellentQuotaPercent);
        Assert.Equal(1, (await repository.LatestDecidedAsync(v1.Id))!.Scheme.Version);
    }

    private static string SchemeDocumentText(Scheme scheme) => Domain.Schemes.Json.SchemeDocument.Write(scheme);
}
