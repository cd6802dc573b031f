using System.Diagnostics;
using System.Globalization;
using System.Text;
using Appraisal.Storage;
using Azure.Data.Tables;

namespace Appraisal.Benchmarks;

/// <summary><c>--cycle [OFFICES]</c>: full quarterly cycles through the self-host on Azurite with simulated people —
/// one office alone (30 departments, 215 people), or a province of OFFICES such offices fanned out in batches — and
/// the figures: wall time, orchestrations, activities and history events per second, the largest history, storage
/// requests (counted by a <see cref="StorageProxy"/> in front of Azurite), peak memory. <c>--growth 1,10,30</c> runs
/// each size in turn, each in a fresh task hub and prefix, and prints one table.</summary>
internal static class CycleBenchmark
{
    /// <summary>One signing key for every run of the process: the command line's simulated people sign with it (it is
    /// read once per process), and each run's host checks with it.</summary>
    private static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static async Task<int> RunAsync(int offices, TimeSpan? ratingTime, string connection, bool direct)
    {
        await using var proxy = direct ? null : await StorageProxy.StartAsync(connection);
        return (await RunOnceAsync(offices, ratingTime, connection, proxy, cleanUp: false)).Ok ? 0 : 1;
    }

    public static async Task<int> GrowthAsync(IReadOnlyList<int> sizes, TimeSpan? ratingTime, string connection)
    {
        await using var proxy = await StorageProxy.StartAsync(connection);
        var runs = new List<Run>();
        foreach (var offices in sizes)
        {
            // Each size starts from a collected heap, so that its peak is its own.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            runs.Add(await RunOnceAsync(offices, ratingTime, connection, proxy, cleanUp: true));
            Console.WriteLine();
        }

        var table = new StringBuilder("""
            | offices | wall time | per office | after the last window's close | per office | instances | per office | history events | per office | largest history | storage requests per office | peak memory (Azurite) |
            |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|

            """);
        foreach (var r in runs)
        {
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Offices} | {r.Elapsed.TotalSeconds:0.0} s{(r.Ok ? string.Empty : " (failed)")} | {r.Elapsed.TotalSeconds / r.Offices:0.00} s | {r.AfterClose?.TotalSeconds:0.0} s | {r.AfterClose?.TotalSeconds / r.Offices:0.00} s | {r.Tasks.Instances:N0} | {(double)r.Tasks.Instances / r.Offices:0.0} | {r.Tasks.Events:N0} | {(double)r.Tasks.Events / r.Offices:0} | {r.Tasks.Largest.Events:N0} | {(double)r.Requests!.Total / r.Offices:N0} | {PeakMemory.Describe(r.Peak).Replace(" (Azurite ", " (", StringComparison.Ordinal)} |"));
        }

        Console.Write(table);
        Console.WriteLine("storage requests per office: the setup's import and the cycle (the host's start to completion); peak memory: this process (self-host, sidecar, simulated people), Azurite sampled.");
        return runs.All(r => r.Ok) ? 0 : 1;
    }

    private static async Task<Run> RunOnceAsync(int offices, TimeSpan? ratingTime, string connection, StorageProxy? proxy, bool cleanUp)
    {
        var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var prefix = "bench" + run;
        var hub = "Bench" + run;
        var via = proxy?.ConnectionString ?? connection;
        if (proxy is not null)
        {
            proxy.Prefix = prefix;
            proxy.Take();
        }

        var memory = PeakMemory.Start(connection);
        Environment.SetEnvironmentVariable("Storage__ConnectionString", via);
        Environment.SetEnvironmentVariable("Storage__Prefix", prefix);
        Environment.SetEnvironmentVariable("Auth__SigningKey", SigningKey);
        var account = new StorageAccount(new StorageOptions { ConnectionString = via, Prefix = prefix });
        await account.EnsureCreatedAsync();

        var setup = Stopwatch.StartNew();
        await using var quarter = await Quarter.PrepareAsync(account, offices, decideScheme: true, ratingTime);
        Console.WriteLine($"setup: {offices} office(s) of {quarter.PeoplePerOffice} people imported in {setup.Elapsed.TotalSeconds:0.0} s");
        var setupRequests = proxy?.Take();

        var timeline = proxy?.StartTimeline(TimeSpan.FromSeconds(offices == 1 ? 1 : offices <= 10 ? 5 : 10), connection);
        var (host, url) = await BenchmarkHost.StartAsync(hub, via, prefix, SigningKey, quiet: false);
        var outcome = await quarter.RunAsync(host, url, CancellationToken.None);
        var cycleRequests = proxy?.Take();
        if (timeline is not null)
        {
            await timeline.StopAsync();
        }
        var peak = await memory.StopAsync();

        var tasks = await TaskHubFigures.CountAsync(account, hub);
        var raters = await RatersFigures.MeasureAsync(account, quarter.Offices, Quarter.Period);
        await host.DisposeAsync();
        var shutdown = proxy?.Take();

        var (elapsed, done) = (outcome.Elapsed, outcome.Status);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            {(offices == 1 ? "quarterly cycle, one office" : $"province of {offices} offices")}: {done} in {elapsed.TotalSeconds:0.0} s ({outcome.Failures} office(s) failed), {elapsed.TotalSeconds / offices:0.00} s per office (the benchmark's wait saw it at {outcome.Noticed.TotalSeconds:0.0} s)
              orchestrations {tasks.Instances:N0} ({tasks.Instances / elapsed.TotalSeconds:0.0}/s, {(double)tasks.Instances / offices:0.0} per office), activities {tasks.Activities:N0} ({tasks.Activities / elapsed.TotalSeconds:0.0}/s), history events {tasks.Events:N0} ({tasks.Events / elapsed.TotalSeconds:0}/s, {(double)tasks.Events / offices:0} per office)
              largest history: {tasks.Largest.Events:N0} events ({tasks.Largest.Instance})
              rating window: {quarter.RatingTime.TotalSeconds:0.0} s ({(ratingTime is null ? Quarter.RatingWindowRule : "--rating-window")}){(elapsed < quarter.RatingTime + TimeSpan.FromSeconds(10) ? " — the wall time is bound by it (the window, the 5 s settle and scoring)" : string.Empty)}; {raters}
              {raters.Windows(outcome.Started, elapsed, offices)}
              peak memory: this process {PeakMemory.Describe(peak).Replace("(Azurite", "; Azurite", StringComparison.Ordinal).TrimEnd(')')}
            """));
        if (setupRequests is not null && cycleRequests is not null && shutdown is not null)
        {
            var whole = setupRequests + cycleRequests;
            Console.WriteLine(whole.Describe("setup and cycle", offices));
            Console.WriteLine(setupRequests.Describe("setup (import)", offices, top: 3));
            Console.WriteLine(cycleRequests.Describe("cycle (host start to completion)", offices));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  storage requests, after: {shutdown.Total:N0} (the benchmark counting the task hub and ballots, the host idle and stopping); in all {(whole + shutdown).Total:N0}"));
            Console.WriteLine(timeline!.Describe());
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  target: {(offices == 1 ? "≤ 3 s" : "≤ 5 min")} — {(outcome.Ok && (offices == 1 ? elapsed.TotalSeconds <= 3 : elapsed.TotalMinutes <= 5) ? "met" : "MISSED")}"));
        if (cleanUp)
        {
            await DeleteRunAsync(account, prefix);
        }

        return new Run(offices, outcome.Ok, elapsed, raters.AfterClose(outcome.Started, elapsed), tasks, setupRequests is null ? null : setupRequests + cycleRequests!, peak);
    }

    /// <summary>Deletes the run's tables, queues and containers (its prefix and task hub), so that the next size in the
    /// same Azurite neither scans nor holds them.</summary>
    internal static async Task DeleteRunAsync(StorageAccount account, string prefix)
    {
        var options = account.Options;
        var tables = new TableServiceClient(options.ConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            if (table.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                await tables.DeleteTableAsync(table.Name);
            }
        }

        var queues = new Azure.Storage.Queues.QueueServiceClient(options.ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync(prefix: prefix.ToLowerInvariant()))
        {
            await queues.DeleteQueueAsync(queue.Name);
        }

        var blobs = new Azure.Storage.Blobs.BlobServiceClient(options.ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: prefix.ToLowerInvariant()))
        {
            // The task hub's app lease container may still be leased by the stopped host: broken first.
            var client = blobs.GetBlobContainerClient(container.Name);
            if (container.Properties.LeaseState == Azure.Storage.Blobs.Models.LeaseState.Leased)
            {
                await Azure.Storage.Blobs.Specialized.SpecializedBlobExtensions.GetBlobLeaseClient(client).BreakAsync(TimeSpan.Zero);
            }

            await client.DeleteAsync();
        }
    }

    private sealed record Run(int Offices, bool Ok, TimeSpan Elapsed, TimeSpan? AfterClose, TaskHubFigures Tasks, StorageRequests? Requests, (long Self, long? Azurite) Peak);
}

/// <summary>A task hub's instances, scheduled activities and history events, and its largest history.</summary>
internal sealed record TaskHubFigures(int Instances, int Activities, int Events, (string Instance, int Events) Largest)
{
    public static async Task<TaskHubFigures> CountAsync(StorageAccount account, string hub)
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

        var largest = perInstance.Count == 0 ? default : perInstance.MaxBy(p => p.Value);
        return new(instances, activities, perInstance.Values.Sum(), (largest.Key, largest.Value));
    }
}

/// <summary>How long the raters took within their windows, read from the ballot box afterwards: each office's window
/// row (written when it opened, holding when it closes) and its raters' participation rows (one per section answered,
/// stamped by storage when stored); and when the first and last windows opened and the last closed, which the time
/// after the windows is counted from.</summary>
internal sealed record RatersFigures(string Text, DateTimeOffset? FirstOpened, DateTimeOffset? LastOpened, DateTimeOffset? LastCloses)
{
    public override string ToString() => Text;

    /// <summary>Where the windows stood against a quarter started at <paramref name="started"/> and completed
    /// <paramref name="elapsed"/> later: when they opened and the last closed, and the time from that close to the
    /// completion (per office over <paramref name="offices"/>); empty without windows.</summary>
    public string Windows(DateTimeOffset started, TimeSpan elapsed, int offices) =>
        AfterClose(started, elapsed) is not { } after ? string.Empty : string.Create(CultureInfo.InvariantCulture,
            $"windows opened {(FirstOpened!.Value - started).TotalSeconds:0.0}–{(LastOpened!.Value - started).TotalSeconds:0.0} s after the start, the last closed at {(LastCloses!.Value - started).TotalSeconds:0.0} s; completed {after.TotalSeconds:0.0} s after that close ({after.TotalSeconds / offices:0.00} s per office)");

    /// <summary>From the last window's close to the completion; none without windows.</summary>
    public TimeSpan? AfterClose(DateTimeOffset started, TimeSpan elapsed) => LastCloses is { } closes ? started + elapsed - closes : null;

    public static async Task<RatersFigures> MeasureAsync(StorageAccount account, IReadOnlyList<string> offices, string period)
    {
        var windows = new Dictionary<string, (DateTimeOffset Opened, DateTimeOffset Closes)>(StringComparer.Ordinal);
        var last = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var sections = 0;
        var answers = 0;
        var boxes = offices.ToDictionary(o => Appraisal.Storage.Infrastructure.Keys.Join("period", "box", o, period), o => o, StringComparer.Ordinal);
        await foreach (var e in account.Table(TableNames.Ballots).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "Timestamp", "UntilUtc", "Answers"]))
        {
            if (!boxes.TryGetValue(e.PartitionKey, out var office) || e.Timestamp is not { } stamp)
            {
                continue;
            }

            if (e.RowKey == "seal")
            {
                answers += e.GetInt32("Answers") ?? 0;
            }
            else if (e.RowKey == "window" && e.GetDateTimeOffset("UntilUtc") is { } until)
            {
                windows[office] = (stamp, until);
            }
            else if (e.RowKey.StartsWith("p" + Appraisal.Storage.Infrastructure.Keys.Separator, StringComparison.Ordinal))
            {
                sections++;
                last[office] = last.TryGetValue(office, out var seen) && seen > stamp ? seen : stamp;
            }
        }

        var spans = last.Where(l => windows.ContainsKey(l.Key)).Select(l => (Took: l.Value - windows[l.Key].Opened, Left: windows[l.Key].Closes - l.Value)).OrderBy(s => s.Took).ToList();
        if (spans.Count == 0)
        {
            return new("no rater's answer found", null, null, null);
        }

        // From the first window's opening to the last answer anywhere: the raters' pace with the quarter running.
        var all = last.Values.Max() - windows.Values.Min(w => w.Opened);
        return new(string.Create(CultureInfo.InvariantCulture,
            $"{sections:N0} questionnaire sections, {answers:N0} answers sealed ({answers / all.TotalSeconds:N0} answers/s over {all.TotalSeconds:0.0} s); from a window's opening to its office's last answer {spans[spans.Count / 2].Took.TotalSeconds:0.0} s (median), {spans[^1].Took.TotalSeconds:0.0} s (longest), the least time left before a close {spans.Min(s => s.Left).TotalSeconds:0.0} s"),
            windows.Values.Min(w => w.Opened), windows.Values.Max(w => w.Opened), windows.Values.Max(w => w.Closes));
    }
}
