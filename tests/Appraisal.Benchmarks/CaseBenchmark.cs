using System.Diagnostics;
using System.Globalization;
using Appraisal.Domain.Cases;
using Appraisal.Domain.Periods;
using Appraisal.Storage;
using Appraisal.Storage.Cases;
using Azure.Data.Tables;

namespace Appraisal.Benchmarks;

/// <summary>One large office's case records (a province's biggest: 50,000 a year by default) imported into the case
/// blobs, then read by quarter, by year and by a relative target's four reference quarters, each best of three with
/// its storage requests counted; a re-send of 1,000 progressed cases; and, for comparison, the same records as rows of
/// one office partition read with the partition query the Cases table used. With OTHERS, that many other offices of
/// 2,000 cases are stored first, both ways, to show what other offices' records cost a read.</summary>
public static class CaseBenchmark
{
    private static readonly string[] Types = ["审查逮捕", "审查起诉", "民事监督", "行政监督", "公益诉讼", "刑事执行"];

    public static async Task<int> RunAsync(int perYear, int years, int others, string connectionString)
    {
        var account = new StorageAccount(new StorageOptions { ConnectionString = connectionString, Prefix = "bench" + Guid.NewGuid().ToString("N")[..8] });
        await account.EnsureCreatedAsync();
        var last = 2026;
        var cases = Generate(perYear, years, last, 7);
        const string office = "big-office";
        var table = account.Table(TableNames.Cases);
        try
        {
            var repository = new CaseRepository(account);
            if (others > 0)
            {
                var clock = Stopwatch.StartNew();
                await Parallel.ForEachAsync(Enumerable.Range(0, others), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (o, cancel) =>
                {
                    var id = string.Create(CultureInfo.InvariantCulture, $"office-{o:D3}");
                    var theirs = Generate(2_000, 1, last, o);
                    await repository.ImportAsync(id, theirs, cancel);
                    await WriteRowsAsync(table, id, theirs);
                });
                Print($"{others} other offices, 2,000 cases each, stored as blobs and as table rows: {clock.Elapsed.TotalSeconds:N0} s");
            }

            var (import, importRequests) = await MeasureAsync(account, () => repository.ImportAsync(office, cases));
            long packed = 0;
            var blobs = 0;
            await foreach (var blob in account.Container(ContainerNames.Cases).GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = office + "/" }))
            {
                packed += blob.Properties.ContentLength ?? 0;
                blobs++;
            }

            Print($"import {cases.Count:N0} cases ({perYear:N0} a year, {years} years, {cases.Count(c => c.Closed is null):N0} open): {import.TotalSeconds:N1} s, {importRequests} requests; {blobs} blobs, {packed / 1024.0 / 1024.0:N2} MB packed ({(double)packed / cases.Count:N1} bytes a case)");

            var q4 = Period.Quarter(last, 4);
            var q1 = Period.Quarter(last, 1);
            await ReadAsync(account, $"quarter {q4}", () => new CaseRepository(account).ForPeriodAsync(office, q4).ContinueWith(t => t.Result.Count, TaskScheduler.Default));
            await ReadAsync(account, $"quarter {q1}", () => new CaseRepository(account).ForPeriodAsync(office, q1).ContinueWith(t => t.Result.Count, TaskScheduler.Default));
            await ReadAsync(account, $"year {last}", () => new CaseRepository(account).ForPeriodAsync(office, Period.OfYear(last)).ContinueWith(t => t.Result.Count, TaskScheduler.Default));
            await ReadAsync(account, $"the four quarters of {last - 1} at once", () => new CaseRepository(account).ForPeriodsAsync(office, [.. Period.OfYear(last - 1).Quarters()])
                .ContinueWith(t => t.Result.Values.Sum(l => l.Count), TaskScheduler.Default));

            var progressed = cases.Where(c => c.Closed is null).Take(1_000).Select(c => c with { Closed = new DateOnly(last, 12, 31) }).ToList();
            var (resend, resendRequests) = await MeasureAsync(account, () => repository.ImportAsync(office, progressed));
            Print($"re-send {progressed.Count:N0} progressed cases: {resend.TotalMilliseconds:N0} ms, {resendRequests} requests");

            // The layout before: one row per case in the office's partition, a period read as one filtered partition query.
            await WriteRowsAsync(table, office, cases);
            await ReadAsync(account, $"quarter {q4} as table rows (before)", async () =>
            {
                var count = 0;
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {office} and Accepted le {Day(q4.End)} and Closed ge {Day(q4.Start)}");
                await foreach (var _ in table.QueryAsync<TableEntity>(filter))
                {
                    count++;
                }

                return count;
            });
            return 0;
        }
        finally
        {
            await account.Table(TableNames.Cases).DeleteAsync();
            await account.Container(ContainerNames.Cases).DeleteIfExistsAsync();
            foreach (var name in TableNames.All.Where(n => n != TableNames.Cases))
            {
                await account.Table(name).DeleteAsync();
            }

            foreach (var name in ContainerNames.All.Where(n => n != ContainerNames.Cases))
            {
                await account.Container(name).DeleteIfExistsAsync();
            }
        }
    }

    /// <summary>Cases accepted evenly over the years up to <paramref name="last"/>: most closed within three months,
    /// some within ten, one in two hundred still open however old, and the recent ones open when not yet due.</summary>
    private static List<CaseRecord> Generate(int perYear, int years, int last, int seed)
    {
        var random = new Random(seed);
        var end = new DateOnly(last, 12, 31);
        var cases = new List<CaseRecord>(perYear * years);
        for (var y = last - years + 1; y <= last; y++)
        {
            var days = DateTime.IsLeapYear(y) ? 366 : 365;
            for (var i = 0; i < perYear; i++)
            {
                var accepted = new DateOnly(y, 1, 1).AddDays(random.Next(days));
                var roll = random.NextDouble();
                var closing = roll < 0.005 ? (DateOnly?)null : accepted.AddDays(roll < 0.88 ? random.Next(1, 90) : random.Next(90, 300));
                var handler = random.Next(300);
                cases.Add(new CaseRecord
                {
                    CaseId = string.Create(CultureInfo.InvariantCulture, $"{y}-{i:D6}"),
                    HandlerId = string.Create(CultureInfo.InvariantCulture, $"P{handler:D4}"),
                    DepartmentId = string.Create(CultureInfo.InvariantCulture, $"D{handler / 10:D2}"),
                    CaseType = Types[random.Next(Types.Length)],
                    Accepted = accepted,
                    Closed = closing > end ? null : closing,
                    TimeLimit = accepted.AddDays(random.Next(30, 120)),
                    QualityFlags = random.Next(20) == 0 ? ["returned"] : [],
                });
            }
        }

        return cases;
    }

    /// <summary>The cases as the Cases table held them: one row each in the office's partition.</summary>
    private static Task WriteRowsAsync(TableClient table, string office, IEnumerable<CaseRecord> cases) =>
        Parallel.ForEachAsync(cases.Select(c => new TableEntity(office, c.CaseId)
        {
            ["HandlerId"] = c.HandlerId,
            ["DepartmentId"] = c.DepartmentId,
            ["CaseType"] = c.CaseType,
            ["Accepted"] = Day(c.Accepted),
            ["Closed"] = c.Closed is { } closed ? Day(closed) : "9999-12-31",
            ["TimeLimit"] = Day(c.TimeLimit),
            ["Flags"] = string.Join(';', c.QualityFlags),
        }).Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (chunk, cancel) => await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancel));

    private static async Task ReadAsync(StorageAccount account, string what, Func<Task<int>> read)
    {
        var best = TimeSpan.MaxValue;
        long requests = 0;
        var count = 0;
        for (var i = 0; i < 3; i++)
        {
            var before = account.Requests.Count;
            var clock = Stopwatch.StartNew();
            count = await read();
            best = clock.Elapsed < best ? clock.Elapsed : best;
            requests = account.Requests.Count - before;
        }

        Print($"read {what}: {count:N0} cases, {best.TotalMilliseconds:N0} ms (best of 3), {requests} requests");
    }

    private static async Task<(TimeSpan Elapsed, long Requests)> MeasureAsync(StorageAccount account, Func<Task> action)
    {
        var before = account.Requests.Count;
        var clock = Stopwatch.StartNew();
        await action();
        return (clock.Elapsed, account.Requests.Count - before);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Print(string line) => Console.WriteLine(line);
}
