using System.Diagnostics;
using System.Globalization;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Sample;
using Appraisal.Domain.Schemes;
using Appraisal.SelfHost.Cli;
using Appraisal.Storage;
using Appraisal.Storage.Cases;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Province;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Benchmarks;

/// <summary><c>--cycle [OFFICES]</c>: full quarterly cycles through the self-host on Azurite with simulated people —
/// one office alone (30 departments, 215 people), or a province of OFFICES such offices fanned out in batches — and
/// the figures: wall time, orchestrations, activities and history events per second, the largest history.</summary>
internal static class CycleBenchmark
{
    private const string Period = "2026-Q1";

    public static async Task<int> RunAsync(int offices, string connection)
    {
        var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var prefix = "bench" + run;
        var hub = "Bench" + run;
        Environment.SetEnvironmentVariable("Storage__ConnectionString", connection);
        Environment.SetEnvironmentVariable("Storage__Prefix", prefix);
        var account = new StorageAccount(new StorageOptions { ConnectionString = connection, Prefix = prefix });
        await account.EnsureCreatedAsync();

        var scheme = SchemeTemplates.Load("B");
        var sample = SampleOffice.Generate(new SampleOptions { Period = Domain.Periods.Period.Parse(Period) }, [scheme]);
        var ids = Enumerable.Range(1, offices).Select(i => offices == 1 ? "sample-basic" : $"office-{i:D3}").ToList();
        var setup = Stopwatch.StartNew();
        var organisation = new OrganisationRepository(account);
        var cases = new CaseRepository(account);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, _) =>
        {
            var org = sample.Organisation;
            await organisation.ImportAsync(new OfficeOrganisation(org.Office with { Id = id }, org.Departments, org.Positions, org.People));
            await cases.ImportAsync(id, sample.Cases);
        });
        var schemes = new SchemeRepository(account);
        var draft = await schemes.AddDraftAsync(scheme);
        await schemes.DecideAsync(scheme.Id, scheme.Version, "party-group", DateTimeOffset.UtcNow, draft.ETag);
        var folder = Directory.CreateTempSubdirectory("appraisal-bench");
        var ratings = Path.Combine(folder.FullName, "ratings.csv");
        var ledger = Path.Combine(folder.FullName, "ledger.csv");
        await using (var w = File.CreateText(ratings))
        {
            RatingCsv.Write(w, sample.Ratings[scheme.Id]);
        }

        await using (var w = File.CreateText(ledger))
        {
            LedgerCsv.Write(w, sample.Ledger[scheme.Id]);
        }

        Console.WriteLine($"setup: {offices} office(s) of {sample.Organisation.People.Count} people imported in {setup.Elapsed.TotalSeconds:0.0} s");

        var (startedHost, url) = await BenchmarkHost.StartAsync(hub, connection, prefix, quiet: false);
        await using var host = startedHost;
        var client = host.App.Services.GetRequiredService<DurableTaskClient>();
        var starter = host.App.Services.GetRequiredService<CycleStarter>();
        var clock = Stopwatch.StartNew();

        // The raters answer through the questionnaire beside the heads' submissions: the window lasts long enough for
        // every office's raters (a few seconds each here), and the cycle waits for its seal.
        var ratingTime = TimeSpan.FromSeconds(Math.Max(20, 3 * offices));
        string root;
        if (offices == 1)
        {
            root = (await starter.StartAsync(client, new CycleStart(ids[0], Period, SelfEvaluationTime: TimeSpan.FromMinutes(10), RemindBefore: TimeSpan.Zero, ObjectionPeriod: TimeSpan.FromSeconds(1), RatingTime: ratingTime), default)).InstanceId;
        }
        else
        {
            var province = host.App.Services.GetRequiredService<ProvinceStarter>();
            root = (await province.StartAsync(client, new ProvinceStart("bench", Period, ids, BatchSize: 10, SchemeId: scheme.Id,
                SelfEvaluationTime: TimeSpan.FromMinutes(30), RemindBefore: TimeSpan.Zero, ObjectionPeriod: TimeSpan.FromSeconds(1), RatingTime: ratingTime), default)).InstanceId;
        }

        // Simulated people: each office's raters, heads, appraisal office and Party group, side by side.
        var failures = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = offices }, async (id, cancel) =>
        {
            using var output = new StringWriter();
            var code = await AppraisalCli.Build().Parse(["cycle", "simulate", "--office", id, "--period", Period, "--ratings", ratings, "--ledger", ledger, "--url", url, "--timeout", "00:10:00", "--poll", offices == 1 ? "00:00:00.2" : "00:00:01"])
                .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = output }, cancel);
            if (code != 0)
            {
                Interlocked.Increment(ref failures);
                Console.WriteLine($"{id}: {output}");
            }
        });
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        var done = await client.WaitForInstanceCompletionAsync(root, getInputsAndOutputs: false, limit.Token);
        var elapsed = clock.Elapsed;

        var (instances, activities, events, largest) = await CountAsync(account, hub);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            {(offices == 1 ? "quarterly cycle, one office" : $"province of {offices} offices")}: {done.RuntimeStatus} in {elapsed.TotalSeconds:0.0} s ({failures} office(s) failed)
              orchestrations {instances:N0} ({instances / elapsed.TotalSeconds:0.0}/s), activities {activities:N0} ({activities / elapsed.TotalSeconds:0.0}/s), history events {events:N0} ({events / elapsed.TotalSeconds:0}/s)
              largest history: {largest.Events:N0} events ({largest.Instance})
              target: {(offices == 1 ? "≤ 20 s" : "≤ 5 min")} — {((offices == 1 ? elapsed.TotalSeconds <= 20 : elapsed.TotalMinutes <= 5) ? "met" : "MISSED")}
            """));
        folder.Delete(recursive: true);
        return done.RuntimeStatus == OrchestrationRuntimeStatus.Completed && failures == 0 ? 0 : 1;
    }

    /// <summary>Counts the task hub's instances, scheduled activities and history events, and finds the largest history.</summary>
    private static async Task<(int Instances, int Activities, int Events, (string Instance, int Events) Largest)> CountAsync(StorageAccount account, string hub)
    {
        var instances = 0;
        await foreach (var _ in account.Tables.GetTableClient(hub + "Instances").QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            instances++;
        }

        var perInstance = new Dictionary<string, int>(StringComparer.Ordinal);
        var activities = 0;
        await foreach (var e in account.Tables.GetTableClient(hub + "History").QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "EventType"]))
        {
            if (e.RowKey == "sentinel")
            {
                continue;
            }

            perInstance[e.PartitionKey] = perInstance.GetValueOrDefault(e.PartitionKey) + 1;
            activities += e.GetString("EventType") == "TaskScheduled" ? 1 : 0;
        }

        var largest = perInstance.MaxBy(p => p.Value);
        return (instances, activities, perInstance.Values.Sum(), (largest.Key, largest.Value));
    }
}
