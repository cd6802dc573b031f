using Appraisal.Domain.Inputs;
using Appraisal.Domain.Organisation;
using Appraisal.Storage.Organisation;
using Azure.Data.Tables;
using static Appraisal.Storage.Tests.ScoredSample;

namespace Appraisal.Storage.Tests.Organisation;

[Collection(AzuriteCollection.Name)]
public sealed class OrganisationRepositoryTests
{
    // The sample office: itself, 30 departments, 215 positions and 215 people.
    private const int Rows = 1 + 30 + 215 + 215;

    [Fact]
    public async Task AnImportedOrganisation_LoadsBackEqual()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new OrganisationRepository(account);
        var organisation = Generate(Q1).Organisation;

        var summary = await repository.ImportAsync(organisation);

        Assert.Equal(new ImportSummary(Rows, 0, 0, 0), summary);
        var loaded = await repository.LoadAsync(OfficeId);
        Assert.NotNull(loaded);
        Assert.Equal(OrganisationDocument.Write(organisation), OrganisationDocument.Write(loaded));
        Assert.Null(await repository.LoadAsync("another-office"));
    }

    [Fact]
    public async Task ImportingTheSameAgain_ChangesNothing()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new OrganisationRepository(account);
        var organisation = Generate(Q1).Organisation;
        await repository.ImportAsync(organisation);
        var before = await StorageSnapshot.TakeAsync(account);

        var summary = await repository.ImportAsync(organisation);

        Assert.Equal(new ImportSummary(0, 0, 0, Rows), summary);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
    }

    [Fact]
    public async Task ARenamedAndADroppedPerson_AreOneUpdateAndOneDeactivation_AndTheDroppedRowIsKept()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new OrganisationRepository(account);
        var organisation = Generate(Q1).Organisation;
        await repository.ImportAsync(organisation);
        var renamed = organisation.People[19] with { Name = "李新名" };
        var dropped = organisation.People[10];
        var people = organisation.People.Where(p => p.Id != dropped.Id).Select(p => p.Id == renamed.Id ? renamed : p).ToList();
        var changed = new OfficeOrganisation(organisation.Office, organisation.Departments, organisation.Positions, people);

        var summary = await repository.ImportAsync(changed);

        Assert.Equal(new ImportSummary(0, 1, 1, Rows - 2), summary);
        var loaded = await repository.LoadAsync(OfficeId);
        Assert.Equal(OrganisationDocument.Write(changed), OrganisationDocument.Write(loaded!));
        Assert.Null(loaded!.FindPerson(dropped.Id));
        Assert.Equal("李新名", loaded.FindPerson(renamed.Id)!.Name);
        var kept = (await account.Table(TableNames.Organisation).GetEntityAsync<TableEntity>(OfficeId, "person~" + dropped.Id)).Value;
        Assert.False(kept.GetBoolean("Active"));
        Assert.Equal(dropped.Name, kept.GetString("Name"));
        Assert.Equal("person", kept.GetString("Kind"));

        var restored = await repository.ImportAsync(organisation);

        Assert.Equal(new ImportSummary(0, 2, 0, Rows - 2), restored);
        Assert.Equal(OrganisationDocument.Write(organisation), OrganisationDocument.Write((await repository.LoadAsync(OfficeId))!));
    }

    /// <summary>A load is kept under the office's stamp: used again while the stamp stands (a row written behind the
    /// repository's back is not seen — proof it was not read again), read afresh once another process's import has
    /// renewed the stamp, and never kept while an import is under way or stopped half-way.</summary>
    [Fact]
    public async Task ALoadIsKeptUnderTheStamp_AndAnotherProcesssImportIsSeenAtOnce()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var here = new OrganisationRepository(account);
        var elsewhere = new OrganisationRepository(account);
        var organisation = Generate(Q1).Organisation;
        await here.ImportAsync(organisation);
        Assert.NotNull(await here.LoadAsync(OfficeId));
        Assert.Equal([OfficeId], await here.OfficeIdsAsync()); // the stamp is no office

        var table = account.Table(TableNames.Organisation);
        var person = (await table.GetEntityAsync<TableEntity>(OfficeId, "person~" + organisation.People[3].Id)).Value;
        person["Active"] = false;
        await table.UpdateEntityAsync(person, person.ETag);
        Assert.NotNull((await here.LoadAsync(OfficeId))!.FindPerson(organisation.People[3].Id)); // kept
        Assert.Null((await new OrganisationRepository(account).LoadAsync(OfficeId))!.FindPerson(organisation.People[3].Id)); // storage

        var renamed = organisation.People.Select(p => p.Id == organisation.People[5].Id ? p with { Name = "王改名" } : p).ToList();
        await elsewhere.ImportAsync(new OfficeOrganisation(organisation.Office, organisation.Departments, organisation.Positions, renamed));
        var seen = await here.LoadAsync(OfficeId);
        Assert.Equal("王改名", seen!.FindPerson(organisation.People[5].Id)!.Name);
        Assert.NotNull(seen.FindPerson(organisation.People[3].Id)); // the import made the row active again

        // An import stopped half-way: its stamp says importing, so nothing is kept until an import completes.
        var stamp = (await table.GetEntityAsync<TableEntity>(OfficeId, "stamp")).Value;
        stamp["Complete"] = false;
        await table.UpdateEntityAsync(stamp, stamp.ETag);
        var unchanged = new OfficeOrganisation(organisation.Office, organisation.Departments, organisation.Positions, renamed);
        Assert.Equal(new ImportSummary(0, 0, 0, Rows), await elsewhere.ImportAsync(unchanged)); // changes nothing: leaves an import under way so
        Assert.False((await table.GetEntityAsync<TableEntity>(OfficeId, "stamp")).Value.GetBoolean("Complete"));
        await here.LoadAsync(OfficeId);
        person = (await table.GetEntityAsync<TableEntity>(OfficeId, "person~" + organisation.People[7].Id)).Value;
        person["Active"] = false;
        await table.UpdateEntityAsync(person, person.ETag);
        Assert.Null((await here.LoadAsync(OfficeId))!.FindPerson(organisation.People[7].Id));

        // The next import completes the stamp: loads are kept again.
        await elsewhere.ImportAsync(unchanged);
        Assert.True((await table.GetEntityAsync<TableEntity>(OfficeId, "stamp")).Value.GetBoolean("Complete"));
        Assert.NotNull((await here.LoadAsync(OfficeId))!.FindPerson(organisation.People[7].Id));
    }

    [Fact]
    public async Task AnIdThatCannotBeAKey_IsRefusedBeforeAnythingIsStored()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new OrganisationRepository(account);
        var organisation = Generate(Q1).Organisation;
        var people = organisation.People.Select((p, i) => i == 7 ? p with { Id = "E/0008" } : p).ToList();
        var before = await StorageSnapshot.TakeAsync(account);

        var refused = await Assert.ThrowsAsync<StorageKeyException>(() =>
            repository.ImportAsync(new OfficeOrganisation(organisation.Office, organisation.Departments, organisation.Positions, people)));

        Assert.Equal("personId", refused.Field);
        Assert.Equal("E/0008", refused.Value);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
    }
}
