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
    return await StorageBenchmark.RunAsync(rows, Environment.GetEnvironmentVariable("Storage__ConnectionString") ?? Appraisal.Storage.StorageOptions.DevelopmentConnectionString);
}

// `--cycle [OFFICES]` runs full quarterly cycles through the self-host on Azurite (1: one office; more: a province).
if (args.Length > 0 && args[0] == "--cycle")
{
    var offices = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
    return await CycleBenchmark.RunAsync(offices, Environment.GetEnvironmentVariable("Storage__ConnectionString") ?? Appraisal.Storage.StorageOptions.DevelopmentConnectionString);
}

// `--cases [PER_YEAR] [YEARS] [OTHERS]` imports one large office's case records into the case blobs (50,000 a year for
// 3 years by default; OTHERS offices of 2,000 cases beside it, default none) and prints what reading a quarter, a year
// and four reference quarters costs (ms and requests), and a quarter read as table rows the way it was before.
if (args.Length > 0 && args[0] == "--cases")
{
    var perYear = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50_000;
    var years = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
    var others = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0;
    return await CaseBenchmark.RunAsync(perYear, years, others, Environment.GetEnvironmentVariable("Storage__ConnectionString") ?? Appraisal.Storage.StorageOptions.DevelopmentConnectionString);
}

// `--load [SUBMISSIONS] [CLIENTS]` sends people's self-evaluations to the self-host (10,000 from 50 clients by default,
// one in ten retried with the same Idempotency-Key) and prints throughput and latency.
if (args.Length > 0 && args[0] == "--load")
{
    var submissions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
    var clients = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
    return await LoadBenchmark.RunAsync(submissions, clients, Environment.GetEnvironmentVariable("Storage__ConnectionString") ?? Appraisal.Storage.StorageOptions.DevelopmentConnectionString);
}

// `--ballots [PEOPLE] [CLIENTS]` casts every rater's questionnaire section into the ballot box on Azurite (2,000
// raters rating their 20 colleagues from 50 clients by default), prints ballots/s and latency, then seals and times it.
if (args.Length > 0 && args[0] == "--ballots")
{
    var people = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
    var clients = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
    return await BallotBenchmark.RunAsync(people, clients, Environment.GetEnvironmentVariable("Storage__ConnectionString") ?? Appraisal.Storage.StorageOptions.DevelopmentConnectionString);
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
    return await RatingHttpBenchmark.RunAsync(people, clients, rate, window, args.Contains("--post-only"), Environment.GetEnvironmentVariable("Storage__ConnectionString") ?? Appraisal.Storage.StorageOptions.DevelopmentConnectionString);
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
