using System.Globalization;
using Appraisal.Storage.Audit;
using Azure.Data.Tables;

namespace Appraisal.Storage.Tests.Audit;

[Collection(AzuriteCollection.Name)]
public sealed class AuditLogTests
{
    private const string Office = "sample-basic";
    private const string Period = "2026-Q1";
    private static readonly DateTimeOffset Noon = new(2026, 3, 31, 12, 0, 0, 123, TimeSpan.FromHours(8));

    [Fact]
    public async Task FiveEntries_ReadBackAsAppended_AndTheChainIsIntact()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var log = new AuditLog(account);

        var appended = await AppendFiveAsync(log);

        var read = await log.ReadAsync(Office, Period);
        Assert.Equal(appended, read);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], read.Select(e => e.Sequence));
        Assert.Equal(AuditLog.Genesis, read[0].PreviousHash);
        Assert.Equal(read.Take(4).Select(e => e.Hash), read.Skip(1).Select(e => e.PreviousHash));
        Assert.Null(read[0].Before);
        Assert.Equal(string.Empty, read[1].Before);
        Assert.Null(read[4].After);
        Assert.Equal(new AuditVerification(5, null, null), await log.VerifyAsync(Office, Period));
    }

    [Fact]
    public async Task AnEntryEditedInStorage_BreaksTheChainAtThatEntry()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var log = new AuditLog(account);
        await AppendFiveAsync(log);
        var table = account.Table(TableNames.Audit);
        var third = await EntityAsync(table, 3);

        await table.UpdateEntityAsync(new TableEntity(third.PartitionKey, third.RowKey) { ["Actor"] = "someone-else" }, third.ETag, TableUpdateMode.Merge);

        var verification = await log.VerifyAsync(Office, Period);
        Assert.False(verification.Intact);
        Assert.Equal(5, verification.Entries);
        Assert.Equal(3, verification.BrokenAt);
        Assert.Contains("the entry was altered", verification.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEntryWhoseHashWasRecomputed_BreaksTheChainAtTheNextEntry()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var log = new AuditLog(account);
        var appended = await AppendFiveAsync(log);
        var table = account.Table(TableNames.Audit);
        var third = await EntityAsync(table, 3);
        var forged = appended[2] with { Actor = "someone-else" };
        forged = forged with { Hash = AuditLog.HashOf(forged) };

        await table.UpdateEntityAsync(new TableEntity(third.PartitionKey, third.RowKey) { ["Actor"] = forged.Actor, ["Hash"] = forged.Hash }, third.ETag, TableUpdateMode.Merge);

        var verification = await log.VerifyAsync(Office, Period);
        Assert.Equal(4, verification.BrokenAt);
        Assert.Contains("the chain is broken", verification.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeletedEntry_BreaksTheChainAtThatEntry_AsMissing()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var log = new AuditLog(account);
        await AppendFiveAsync(log);
        var table = account.Table(TableNames.Audit);
        var second = await EntityAsync(table, 2);

        await table.DeleteEntityAsync(second.PartitionKey, second.RowKey, second.ETag);

        var verification = await log.VerifyAsync(Office, Period);
        Assert.Equal(4, verification.Entries);
        Assert.Equal(2, verification.BrokenAt);
        Assert.Equal("expected entry 2, found entry 3: an entry is missing", verification.Reason);
    }

    [Fact]
    public async Task TenConcurrentAppends_MakeOneUnbrokenChainOfTen()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var log = new AuditLog(account);

        var appended = await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            log.AppendAsync(Office, Period, "user-" + i.ToString("D2", CultureInfo.InvariantCulture), "submit", "submission/D02", null, "{}", Noon)));

        var read = await log.ReadAsync(Office, Period);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), read.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => "user-" + i.ToString("D2", CultureInfo.InvariantCulture)), read.Select(e => e.Actor).Order(StringComparer.Ordinal));
        Assert.Equal(appended.OrderBy(e => e.Sequence), read);
        Assert.Equal(new AuditVerification(10, null, null), await log.VerifyAsync(Office, Period));
    }

    [Fact]
    public async Task AppendingOnce_ChainsOntoTheChainItJustRead_AndAfterAnotherWritersEntryStillChainsUnbroken()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var log = new AuditLog(account);
        await log.AppendAsync(Office, Period, "admin", "import", "organisation", null, null, Noon);

        // The chain it read to look for the entry gives the newest: one query and one insert.
        var requests = account.Requests.Count;
        var once = await log.AppendOnceAsync(Office, Period, "system", "ratings.opened", Period, null, "{}", Noon);
        Assert.Equal(2, account.Requests.Count - requests);
        Assert.Equal(2, once.Sequence);
        Assert.Equal(once, await log.AppendOnceAsync(Office, Period, "system", "ratings.opened", Period, null, "{}", Noon));

        // Appends racing it from other writers: each still finds its place after the newest.
        var raced = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => i % 2 == 0
            ? log.AppendOnceAsync(Office, Period, "system", "step", i.ToString(CultureInfo.InvariantCulture), null, null, Noon)
            : new AuditLog(account).AppendAsync(Office, Period, "user", "edit", i.ToString(CultureInfo.InvariantCulture), null, null, Noon)));
        Assert.Equal(Enumerable.Range(3, 6).Select(i => (long)i), raced.Select(e => e.Sequence).Order());
        Assert.Equal(new AuditVerification(8, null, null), await log.VerifyAsync(Office, Period));
    }

    /// <summary>An append after this process's own last one is one request; after another process has appended, the
    /// insert of the kept sequence number conflicts, the chain is asked again, and it stays unbroken.</summary>
    [Fact]
    public async Task AnAppendChainsOntoTheNewestKept_OneRequest_AndAnotherProcesssAppendIsFoundByTheConflict()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var here = new AuditLog(account);
        await here.AppendAsync(Office, Period, "admin", "import", "organisation", null, null, Noon);

        var requests = account.Requests.Count;
        var second = await here.AppendAsync(Office, Period, "admin", "edit", "cycle", null, null, Noon);
        Assert.Equal(1, account.Requests.Count - requests);
        Assert.Equal(2, second.Sequence);

        var elsewhere = await new AuditLog(account).AppendAsync(Office, Period, "E0005", "submit", "submission/D02", null, null, Noon);
        Assert.Equal(3, elsewhere.Sequence);
        requests = account.Requests.Count;
        var fourth = await here.AppendAsync(Office, Period, "admin", "edit", "cycle", null, null, Noon);
        Assert.Equal(3, account.Requests.Count - requests); // the conflicting insert, the newest asked, the insert
        Assert.Equal((4, elsewhere.Hash), (fourth.Sequence, fourth.PreviousHash));
        Assert.Equal(new AuditVerification(4, null, null), await here.VerifyAsync(Office, Period));
    }

    /// <summary>Two hosts running the same steps at once (a step's activity delivered twice): each step is recorded
    /// once — the one whose insert conflicts reads the chain again and finds the other's entry.</summary>
    [Fact]
    public async Task TheSameStepsAppendedOnceFromTwoHostsAtOnce_AreRecordedOnceEach()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var (one, two) = (new AuditLog(account), new AuditLog(account));
        var steps = Enumerable.Range(0, 8).Select(i => $"step-{i}").ToList();

        var recorded = await Task.WhenAll(steps.SelectMany(step => new[] { one, two }.Select(log => log.AppendOnceAsync(Office, Period, "system", "ratings.sealed", step, null, "{}", Noon))));

        var chain = await one.ReadAsync(Office, Period);
        Assert.Equal(steps, chain.Select(e => e.Target).Order(StringComparer.Ordinal));
        Assert.Equal(chain.Select(e => e.Sequence).Order(), recorded.Select(e => e.Sequence).Distinct().Order());
        Assert.Equal(new AuditVerification(steps.Count, null, null), await one.VerifyAsync(Office, Period));
    }

    [Fact]
    public async Task EachPeriodIsItsOwnChain()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var log = new AuditLog(account);
        for (var i = 0; i < 3; i++)
        {
            await log.AppendAsync(Office, "2026-Q1", "admin", "edit", "cycle", null, null, Noon);
        }

        var q2First = await log.AppendAsync(Office, "2026-Q2", "admin", "edit", "cycle", null, null, Noon);
        await log.AppendAsync(Office, "2026-Q2", "admin", "edit", "cycle", null, null, Noon);
        await log.AppendAsync("another-office", "2026-Q1", "admin", "edit", "cycle", null, null, Noon);

        Assert.Equal(1, q2First.Sequence);
        Assert.Equal(AuditLog.Genesis, q2First.PreviousHash);
        Assert.Equal(new AuditVerification(3, null, null), await log.VerifyAsync(Office, "2026-Q1"));
        Assert.Equal(new AuditVerification(2, null, null), await log.VerifyAsync(Office, "2026-Q2"));
        Assert.Equal(new AuditVerification(1, null, null), await log.VerifyAsync("another-office", "2026-Q1"));
        Assert.Equal(new AuditVerification(0, null, null), await log.VerifyAsync(Office, "2026-Q3"));
    }

    private static async Task<IReadOnlyList<AuditEntry>> AppendFiveAsync(AuditLog log)
    {
        var entries = new List<AuditEntry>
        {
            await log.AppendAsync(Office, Period, "admin", "create", "cycle/2026-Q1", null, "{\"stage\":\"drafting\"}", Noon),
            await log.AppendAsync(Office, Period, "E0005", "submit", "submission/D02/-", string.Empty, "{\"score\":95}", Noon.AddMinutes(1)),
            await log.AppendAsync(Office, Period, "E0002", "rate", "rating/E0005", "{\"score\":95}", "{\"score\":92}", Noon.AddMinutes(2)),
            await log.AppendAsync(Office, Period, "王伟", "approve", "cycle/2026-Q1", "{\"stage\":\"scoring\"}", "{\"stage\":\"approved\"}", Noon.AddHours(1)),
            await log.AppendAsync(Office, Period, "admin", "delete", "ledger/E0005/00001", "{\"itemId\":\"bonus\"}", null, Noon.AddDays(1)),
        };
        return entries;
    }

    private static async Task<TableEntity> EntityAsync(TableClient table, long sequence)
    {
        var found = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {AuditLog.Partition(Office, Period)} and Sequence eq {sequence}")))
        {
            found.Add(entity);
        }

        return Assert.Single(found);
    }
}
