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

    [Fact]
    public async Task ADecidedVersion_IsServedFromMemoryOnceRead_ADraftOrASubmittedOneIsReadEveryTime()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new SchemeRepository(account);
        var scheme = SchemeTemplates.Load("B");
        var draft = await repository.AddDraftAsync(scheme);

        // A draft: read from storage every time, so an edit made elsewhere (another host) is seen at once.
        Assert.Equal(SchemeStatus.Draft, (await repository.GetAsync(scheme.Id, scheme.Version))!.Status);
        var edited = await new SchemeRepository(account).UpdateDraftAsync(scheme with { Name = new LocalizedText("另一处修改") }, draft.ETag);
        var requests = account.Requests.Count;
        Assert.Equal("另一处修改", (await repository.GetAsync(scheme.Id, scheme.Version))!.Scheme.Name.Zh);
        Assert.Equal(1, account.Requests.Count - requests);

        // Submitted, then decided elsewhere: the decision is seen, not a submitted version kept from before.
        var submitted = await new SchemeRepository(account).SubmitAsync(scheme.Id, scheme.Version, edited.ETag);
        Assert.Equal(SchemeStatus.Submitted, (await repository.GetAsync(scheme.Id, scheme.Version))!.Status);
        await new SchemeRepository(account).DecideAsync(scheme.Id, scheme.Version, "party-group", Noon, submitted.ETag);
        var decided = await repository.GetAsync(scheme.Id, scheme.Version);
        Assert.Equal((SchemeStatus.Decided, Noon), (decided!.Status, decided.DecidedAt));

        // Decided: it never changes, so it is not asked for again.
        requests = account.Requests.Count;
        Assert.Same(decided, await repository.GetAsync(scheme.Id, scheme.Version));
        Assert.Equal(0, account.Requests.Count - requests);
        Assert.Null(await repository.GetAsync(scheme.Id, scheme.Version + 1)); // none stored: asked each time, never kept
        Assert.Null(await repository.GetAsync(scheme.Id, scheme.Version + 1));
        Assert.Equal(2, account.Requests.Count - requests);
    }

    private static string SchemeDocumentText(Scheme scheme) => Domain.Schemes.Json.SchemeDocument.Write(scheme);
}
