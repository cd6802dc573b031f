using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Appraisal.Storage;
using Appraisal.Storage.Ballots;

namespace Appraisal.Benchmarks;

/// <summary><c>--ballots [PEOPLE] [CLIENTS]</c>: the ballot box on Azurite — PEOPLE raters (default 2,000) in
/// departments of 21, each answering one section rating their 20 colleagues (a ballot is one rating of one colleague:
/// 40,000 by default), from CLIENTS concurrent clients (default 50). Prints ballots stored per second, the latency of a
/// section (p50/p99/max), checks stored = accepted by sealing, and times the seal (folding every answer into its cell).
/// Measures the storage design on its own; the questionnaire's HTTP path adds the host's share.</summary>
internal static class BallotBenchmark
{
    private const string Office = "ballot-office";
    private const string Period = "2026-Q1";
    private const int DepartmentSize = 21;

    public static async Task<int> RunAsync(int people, int clients, string connection)
    {
        var prefix = "ballot" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var account = new StorageAccount(new StorageOptions { ConnectionString = connection, Prefix = prefix });
        await account.EnsureCreatedAsync();
        var box = new BallotBox(account);
        var raters = Enumerable.Range(0, people).Select(i => (Id: $"P{i:00000}", Department: $"D{i / DepartmentSize:000}")).ToList();
        var colleagues = raters.GroupBy(r => r.Department).ToDictionary(g => g.Key, g => g.Select(r => r.Id).ToList());
        var queue = new ConcurrentQueue<(string Id, string Department)>(raters);
        var latencies = new ConcurrentBag<double>();
        var accepted = 0;
        var azurite = AzuriteProcess.Cpu(connection);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (queue.TryDequeue(out var rater))
            {
                var answers = colleagues[rater.Department].Where(c => c != rater.Id)
                    .Select(c => new BallotScore(c, "conduct-evaluation", "colleagues", 60 + (Math.Abs(HashCode.Combine(rater.Id, c)) % 41))).ToList();
                var one = Stopwatch.StartNew();
                await box.CastAsync(Office, Period, rater.Id, rater.Department, BallotBox.NewReceipt(), answers);
                latencies.Add(one.Elapsed.TotalMilliseconds);
                Interlocked.Add(ref accepted, answers.Count);
            }
        }));
        var elapsed = clock.Elapsed;
        var azuriteUsed = AzuriteProcess.Cpu(connection) - azurite;
        var sorted = latencies.Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ballots: {accepted:N0} from {people:N0} raters ({clients} clients) in {elapsed.TotalSeconds:0.0} s = {accepted / elapsed.TotalSeconds:N0} ballots/s; section of {DepartmentSize - 1}: p50 {Percentile(sorted, 0.50):0} ms, p99 {Percentile(sorted, 0.99):0} ms, max {sorted[^1]:0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Azurite CPU: {(azuriteUsed is { } used ? $"{used.TotalSeconds:0.0} s = {used / elapsed:P0} of a core ({used.TotalMilliseconds / people:0.0} ms per section)" : "not found")}"));

        var seal = Stopwatch.StartNew();
        var sealedBox = await box.SealOnlyAsync(Office, Period, (_, _) => 5, DateTimeOffset.UtcNow);
        var cells = await box.CellsAsync(Office, Period);
        var means = cells.Where(c => c.Sum is not null).Select(c => c.Sum!.Value / c.Count).ToList();
        var sealing = seal.Elapsed;
        await box.PurgeAsync(Office, Period);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seal: {sealedBox.Answers:N0} answers folded into {sealedBox.Cells:N0} cells and {means.Count:N0} means in {sealing.TotalSeconds:0.0} s; answer rows deleted in {(seal.Elapsed - sealing).TotalSeconds:0.0} s more; stored = accepted: {sealedBox.Answers == accepted && cells.Sum(c => c.Count) == accepted}"));
        return sealedBox.Answers == accepted ? 0 : 1;
    }

    /// <summary><c>--purge 1,10,30,100</c>: one office's box of an office's answers (1,320: 66 raters answering a section
    /// of 20), sealed and its answer rows deleted, beside the open boxes of the other offices of a province of each size
    /// (as many answers each) — the seal and the purge after a province's windows close. Prints, per size, the rows in
    /// the ballot table, the seal's and the purge's time and the Azurite CPU they used: on Azurite a deletion costs in
    /// proportion to the rows of the whole table (its in-memory store keeps sorted indexes that each deletion walks).</summary>
    public static async Task<int> PurgeAsync(IReadOnlyList<int> sizes, string connection)
    {
        var table = new System.Text.StringBuilder("| offices | ballot rows | seal | its Azurite CPU | purge (1,320 answer rows deleted) | its Azurite CPU |\n|---:|---:|---:|---:|---:|---:|\n");
        foreach (var offices in sizes)
        {
            var prefix = "purge" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
            var account = new StorageAccount(new StorageOptions { ConnectionString = connection, Prefix = prefix });
            await account.EnsureCreatedAsync();
            var box = new BallotBox(account);
            var ids = Enumerable.Range(0, offices).Select(i => $"office-{i:D3}").ToList();
            var sections = ids.SelectMany(o => Enumerable.Range(0, 66).Select(r => (Office: o, Rater: $"P{r:000}"))).ToList();
            await Parallel.ForEachAsync(sections, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (s, cancel) =>
                await box.CastAsync(s.Office, Period, s.Rater, "D01", BallotBox.NewReceipt(),
                    Enumerable.Range(0, 20).Select(c => new BallotScore($"S{c:00}", "conduct-evaluation", "colleagues", 60 + (Math.Abs(HashCode.Combine(s.Rater, c)) % 41))).ToList(),
                    mayBeSealed: false, cancel: cancel));
            var rows = sections.Count * 21;

            var cpu = AzuriteProcess.Cpu(connection);
            var clock = Stopwatch.StartNew();
            var seal = await box.SealOnlyAsync(ids[0], Period, (_, _) => 5, DateTimeOffset.UtcNow);
            var (sealing, sealCpu) = (clock.Elapsed, AzuriteProcess.Cpu(connection) - cpu);
            cpu = AzuriteProcess.Cpu(connection);
            clock.Restart();
            await box.PurgeAsync(ids[0], Period);
            var (purging, purgeCpu) = (clock.Elapsed, AzuriteProcess.Cpu(connection) - cpu);
            static string Cpu(TimeSpan? used) => used is { } u ? string.Create(CultureInfo.InvariantCulture, $"{u.TotalSeconds:0.00} s") : "not found";
            var line = string.Create(CultureInfo.InvariantCulture,
                $"| {offices} | {rows:N0} | {sealing.TotalSeconds:0.00} s | {Cpu(sealCpu)} | {purging.TotalSeconds:0.00} s | {Cpu(purgeCpu)} |");
            Console.WriteLine(line + (seal.Answers == 1_320 ? string.Empty : $" — expected 1,320 answers sealed, found {seal.Answers}"));
            table.AppendLine(line);
            await CycleBenchmark.DeleteRunAsync(account, prefix);
            if (seal.Answers != 1_320)
            {
                return 1;
            }
        }

        Console.Write(table);
        return 0;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
