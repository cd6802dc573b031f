using System.Diagnostics;
using System.Globalization;
using Appraisal.Domain.Scoring;
using Appraisal.Storage;
using Appraisal.Storage.Scorecards;
using Azure.Data.Tables;

namespace Appraisal.Benchmarks;

/// <summary>Persists a national quarter's 70,000 scorecards to Azure Table storage (Azurite locally), in transactions
/// per office partition, and compares with one-row-at-a-time upserts measured in the same run. One run, with figures
/// printed: writing to a storage service is not a micro-benchmark.</summary>
public static class StorageBenchmark
{
    /// <summary>Offices of 215 people, like the court in the sources: 326 partitions for 70,000 people.</summary>
    public const int PeoplePerOffice = 215;

    public static async Task<int> RunAsync(int baselineRows, string connectionString)
    {
        Console.WriteLine("scoring the national quarter…");
        var quarter = new NationalQuarter();
        var cards = Scorer.Score(ScoringInput.Prepare(quarter.Scheme, quarter.Period, quarter.Subjects, quarter.Cases, quarter.Ratings, quarter.Ledger));
        var byOffice = cards.Select((c, i) => ("office-" + (i / PeoplePerOffice).ToString("D4", CultureInfo.InvariantCulture), c)).ToList();

        var sample = byOffice.Take(1000).Select(c => ScorecardCodec.ToEntity("p", "r", c.Item2, false)).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"average packed scorecard: {sample.Average(e => Enumerable.Range(0, e.GetInt32("DataChunks") ?? 0).Sum(i => e.GetBinary("Data" + i).Length)):N0} bytes, {cards.Average(c => c.Lines.Count):N1} lines"));
        var account = new StorageAccount(new StorageOptions { ConnectionString = connectionString, Prefix = "bench" + Guid.NewGuid().ToString("N")[..8] });
        await account.EnsureCreatedAsync();
        try
        {
            var before = account.Requests.Count;
            var clock = Stopwatch.StartNew();
            var transactions = await new ScorecardRepository(account).SaveAsync(byOffice);
            var batched = clock.Elapsed;
            var requests = account.Requests.Count - before;
            var readBack = await new ScorecardRepository(account).ForPeriodAsync(byOffice[0].Item1, quarter.Period.ToString());

            var baseline = account.Table("Baseline");
            await baseline.CreateIfNotExistsAsync();
            var rows = Math.Min(baselineRows, cards.Count);
            var entities = byOffice.Take(rows).Select(c => ScorecardCodec.ToEntity(ScorecardRepository.Partition(c.Item1),
                ScorecardRepository.Row(c.Item2.Period, c.Item2.SchemeId, c.Item2.SubjectId), c.Item2, final: false)).ToList();
            clock.Restart();
            foreach (var entity in entities)
            {
                await baseline.UpsertEntityAsync(entity, TableUpdateMode.Replace);
            }

            var single = clock.Elapsed;
            var batchedRate = cards.Count / batched.TotalSeconds;
            var singleRate = rows / single.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"persist a national quarter: {cards.Count:N0} scorecards in {batched.TotalSeconds:N1} s ({batchedRate:N0} rows/s) over {byOffice.Select(c => c.Item1).Distinct().Count()} office partitions (target ≤ 30 s) — {(batched.TotalSeconds <= 30 ? "met" : "MISSED")}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"one row at a time: {rows:N0} upserts in {single.TotalSeconds:N1} s ({singleRate:N0} rows/s); transactions are {batchedRate / singleRate:N1}× faster (target ≥ 8×) — {(batchedRate / singleRate >= 8 ? "met" : "MISSED")}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"storage requests: {requests:N0} ({transactions:N0} transactions) = {(double)requests / cards.Count:N4} per appraised person (target ≤ 0.02) — {((double)requests / cards.Count <= 0.02 ? "met" : "MISSED")}"));
            Console.WriteLine($"read back {readBack.Count} scorecards of {byOffice[0].Item1}: {(readBack.Count == PeoplePerOffice ? "complete" : "INCOMPLETE")}");
            return 0;
        }
        finally
        {
            foreach (var name in TableNames.All.Append("Baseline"))
            {
                await account.Table(name).DeleteAsync();
            }
        }
    }
}
