using System.Globalization;
using Appraisal.Storage.Infrastructure;
using Azure.Data.Tables;

namespace Appraisal.Storage.Tests.Infrastructure;

[Collection(AzuriteCollection.Name)]
public sealed class TableBatchTests
{
    [Fact]
    public void TwoHundredFiftyActionsOfOnePartition_Are100_100_50_InOrder()
    {
        var actions = Actions(Enumerable.Range(0, 250).Select(i => ("p", i))).ToList();

        var chunks = TableBatch.Chunk(actions).ToList();

        Assert.Equal([100, 100, 50], chunks.Select(c => c.Count));
        Assert.Equal(actions, chunks.SelectMany(c => c));
    }

    [Fact]
    public void InterleavedPartitions_AreNeverMixedInOneTransaction()
    {
        var partitions = new[] { "a", "b", "c" };
        var actions = Actions(Enumerable.Range(0, 330).Select(i => (partitions[i % 3], i))).ToList();

        var chunks = TableBatch.Chunk(actions).ToList();

        Assert.Equal([100, 10, 100, 10, 100, 10], chunks.Select(c => c.Count));
        Assert.Equal(["a", "a", "b", "b", "c", "c"], chunks.Select(c => Assert.Single(c.Select(a => a.Entity.PartitionKey).Distinct())));
        foreach (var partition in partitions)
        {
            Assert.Equal(actions.Where(a => a.Entity.PartitionKey == partition), chunks.SelectMany(c => c).Where(a => a.Entity.PartitionKey == partition));
        }
    }

    [Fact]
    public void LargeEntities_AreSplitBySize()
    {
        var text = new string('x', 300_000);
        var actions = Enumerable.Range(0, 10)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", Row(i)) { ["Text"] = text }))
            .ToList();

        var chunks = TableBatch.Chunk(actions).ToList();

        Assert.Equal([3, 3, 3, 1], chunks.Select(c => c.Count));
        Assert.All(chunks, c => Assert.InRange(c.Sum(a => TableBatch.EstimateBytes(a.Entity)), 1, TableBatch.MaxBytes));
    }

    [Fact]
    public async Task Submit_SendsOneRequestPerTransaction_AndStoresEveryEntity()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var table = account.Table(TableNames.Ledger);
        var actions = Actions(Enumerable.Range(0, 250).Select(i => ("p", i)).Concat(Enumerable.Range(0, 30).Select(i => ("q", i)))).ToList();
        var before = account.Requests.Count;

        var sent = await TableBatch.SubmitAsync(table, actions, parallelism: 4, CancellationToken.None);

        Assert.Equal(4, sent);
        Assert.Equal(4, account.Requests.Count - before);
        var stored = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            stored.Add(entity.PartitionKey + "/" + entity.RowKey);
        }

        Assert.Equal(actions.Select(a => a.Entity.PartitionKey + "/" + a.Entity.RowKey), stored);
    }

    [Fact]
    public async Task Submit_NamesTheEntityThatConflicted()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var table = account.Table(TableNames.Ledger);
        await table.AddEntityAsync(new TableEntity("p", Row(42)));
        var before = await StorageSnapshot.TakeAsync(account);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            TableBatch.SubmitAsync(table, Actions(Enumerable.Range(0, 100).Select(i => ("p", i))), parallelism: 1, CancellationToken.None));

        Assert.Equal(409, conflict.Status);
        Assert.Equal($"{table.Name}(p, {Row(42)})", conflict.Record);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
    }

    [Fact]
    public async Task TheRequestCounter_CountsEachRequestOnce()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var table = account.Table(TableNames.Cycles);
        var start = account.Requests.Count;

        await table.AddEntityAsync(new TableEntity("p", "r") { ["Stage"] = "drafting" });
        var afterAdd = account.Requests.Count;
        await table.GetEntityIfExistsAsync<TableEntity>("p", "missing");
        var afterMiss = account.Requests.Count;
        await account.Container(ContainerNames.Reports).GetBlobClient("report.pdf").UploadAsync(new BinaryData("%PDF-1.7"u8.ToArray()));

        Assert.Equal(1, afterAdd - start);
        Assert.Equal(1, afterMiss - afterAdd);
        Assert.Equal(1, account.Requests.Count - afterMiss);
    }

    private static IEnumerable<TableTransactionAction> Actions(IEnumerable<(string Partition, int Row)> keys) =>
        keys.Select(k => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(k.Partition, Row(k.Row)) { ["N"] = k.Row }));

    private static string Row(int i) => i.ToString("D5", CultureInfo.InvariantCulture);
}
