using System.Diagnostics;
using System.Globalization;
using Appraisal.Benchmarks;
using Appraisal.Domain.Cases;
using Appraisal.Domain.Scoring;
using BenchmarkDotNet.Running;

// `--storage [ROWS]` persists a national quarter to Azure Table storage (Azurite by default) and compares with
// ROWS one-row-at-a-time upserts (default 10,000).
if (args.Length > 0 && args[0] == "--storage")
{
    var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
    return await StorageBenchmark.RunAsync(rows, Connection());
}

// `--rating-window SECONDS` (with --cycle, --growth and --load --beside-cycle) gives the quarter's raters that window
// instead of the one sized from their number.
var ratingWindow = Array.IndexOf(args, "--rating-window") is >= 0 and var windowAt ? TimeSpan.FromSeconds(double.Parse(args[windowAt + 1], CultureInfo.InvariantCulture)) : (TimeSpan?)null;

// `--cycle [OFFICES] [--direct]` runs full quarterly cycles through the self-host on Azurite (1: one office; more: a
// province), counting storage requests through a proxy (`--direct`: without the proxy, so without the counts).
if (args.Length > 0 && args[0] == "--cycle")
{
    var numbers = Positional(args);
    var offices = numbers.Length > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : 1;
    return await CycleBenchmark.RunAsync(offices, ratingWindow, Connection(), args.Contains("--direct"));
}

// `--cases [PER_YEAR] [YEARS] [OTHERS]` imports one large office's case records into the case blobs (50,000 a year for
// 3 years by default; OTHERS offices of 2,000 cases beside it, default none) and prints what reading a quarter, a year
// and four reference quarters costs (ms and requests), and a quarter read as table rows the way it was before.
if (args.Length > 0 && args[0] == "--cases")
{
    var perYear = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50_000;
    var years = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
    var others = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0;
    return await CaseBenchmark.RunAsync(perYear, years, others, Connection());
}

// `--growth 1,10,30,100` runs `--cycle` for each number of offices in turn, each in a fresh task hub and prefix, and
// prints a Markdown table of the figures per office.
if (args.Length > 1 && args[0] == "--growth")
{
    return await CycleBenchmark.GrowthAsync(args[1].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList(), ratingWindow, Connection());
}

// `--load [SUBMISSIONS] [CLIENTS] [--beside-cycle OFFICES]` sends people's self-evaluations to the self-host (10,000
// from 50 clients by default, one in ten retried with the same Idempotency-Key) and prints throughput and latency;
// with `--beside-cycle`, while a quarter of OFFICES offices runs in the same self-host.
if (args.Length > 0 && args[0] == "--load")
{
    var beside = Array.IndexOf(args, "--beside-cycle") is >= 0 and var at ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 0;
    var numbers = Positional(args);
    var submissions = numbers.Length > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : 10_000;
    var clients = numbers.Length > 2 ? int.Parse(numbers[2], CultureInfo.InvariantCulture) : 50;
    return await LoadBenchmark.RunAsync(submissions, clients, beside, ratingWindow, Connection());
}

// `--ballots [PEOPLE] [CLIENTS]` casts every rater's questionnaire section into the ballot box on Azurite (2,000
// raters rating their 20 colleagues from 50 clients by default), prints ballots/s and latency, then seals and times it.
if (args.Length > 0 && args[0] == "--ballots")
{
    var people = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
    var clients = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
    return await BallotBenchmark.RunAsync(people, clients, Connection());
}

// `--purge 1,10,30,100` seals one office's ballots and deletes its answer rows beside the open boxes of a province of
// each size, and prints the seal's and the purge's time and Azurite CPU per size.
if (args.Length > 1 && args[0] == "--purge")
{
    return await BallotBenchmark.PurgeAsync([.. args[1].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))], Connection());
}

// `--ratings-http [PEOPLE] [CLIENTS] [RATE] [WINDOW]` has the raters answer their questionnaires through the self-host
// (2,000 people rating their 20 department colleagues from 50 clients by default): once at saturation, once paced at
// RATE ballots/s (default 1,000), the first window WINDOW seconds long (default 60; 0: the paced run alone); prints
// ballots/s, latency, stored = accepted, and times the close and the seal. `--post-only` leaves out the GET (the
// clients work out the raters' sections themselves).
if (args.Length > 0 && args[0] == "--ratings-http")
{
    var numbers = args.Where(a => a != "--post-only").ToArray();
    var people = numbers.Length > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : 2_000;
    var clients = numbers.Length > 2 ? int.Parse(numbers[2], CultureInfo.InvariantCulture) : 50;
    var rate = numbers.Length > 3 ? double.Parse(numbers[3], CultureInfo.InvariantCulture) : 1_000;
    var window = numbers.Length > 4 ? int.Parse(numbers[4], CultureInfo.InvariantCulture) : 60;
    return await RatingHttpBenchmark.RunAsync(people, clients, rate, window, args.Contains("--post-only"), Connection());
}

// `--quick` times each operation a few times with a stopwatch (seconds, for a smoke check);
// anything else goes to BenchmarkDotNet (e.g. --filter '*').
if (args.Contains("--quick"))
{
    var quarter = new NationalQuarter();
    var input = ScoringInput.Prepare(quarter.Scheme, quarter.Period, quarter.Subjects, quarter.Cases, quarter.Ratings, quarter.Ledger);
    var score = Best(() => Scorer.Score(input));
    var aggregate = Best(() => CaseAggregator.Aggregate(quarter.Scheme, quarter.Subjects, quarter.Cases, quarter.Period));
    Report(score, aggregate, quarter.IndicatorCount);
    if (args.Contains("--parts"))
    {
        var cards = Scorer.Score(input);
        Console.WriteLine($"grade and rank alone: {Best(() => Grader.GradeAndRank(quarter.Scheme, cards)).TotalMilliseconds:N0} ms");
    }
    return 0;
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(ScoringBenchmarks).Assembly).Run(args);
var reports = summaries.SelectMany(s => s.Reports).Where(r => r.ResultStatistics is not null).ToList();
double? Mean(string method) => reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)?.ResultStatistics!.Mean;
if (Mean(nameof(ScoringBenchmarks.ScoreNationalQuarter)) is { } scoreNs && Mean(nameof(ScoringBenchmarks.AggregateCaseRecords)) is { } aggregateNs)
{
    Report(TimeSpan.FromMilliseconds(scoreNs / 1e6), TimeSpan.FromMilliseconds(aggregateNs / 1e6), 30);
}

return 0;

// The command and its numbers, without the options (and the values of those that take one).
static string[] Positional(string[] args) =>
    args.Where((a, i) => i == 0 || (!a.StartsWith("--", StringComparison.Ordinal) && args[i - 1] is not ("--beside-cycle" or "--rating-window"))).ToArray();

static string Connection() => Environment.GetEnvironmentVariable("Storage__ConnectionString") ?? Appraisal.Storage.StorageOptions.DevelopmentConnectionString;

static TimeSpan Best(Action action)
{
    var best = TimeSpan.MaxValue;
    for (var i = 0; i < 4; i++)
    {
        var clock = Stopwatch.StartNew();
        action();
        best = clock.Elapsed < best ? clock.Elapsed : best;
    }

    return best;
}

static void Report(TimeSpan score, TimeSpan aggregate, int indicators)
{
    var rate = NationalQuarter.CaseRecords / aggregate.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"score a national quarter: {NationalQuarter.People:N0} people × {indicators} indicators in {score.TotalMilliseconds:N0} ms (target ≤ 1,000 ms) — {(score.TotalSeconds <= 1 ? "met" : "MISSED")}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"aggregate case records: {NationalQuarter.CaseRecords:N0} in {aggregate.TotalMilliseconds:N0} ms = {rate / 1e6:N2} M records/s (target ≥ 3 M/s) — {(rate >= 3e6 ? "met" : "MISSED")}"));
}
