using Appraisal.Domain.Cases;
using Appraisal.Domain.Scoring;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Appraisal.Benchmarks;

/// <summary>Scoring a national quarter from in-memory inputs, and aggregating its case records into indicator values.</summary>
[MemoryDiagnoser]
[GcServer(true)]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 6)]
public class ScoringBenchmarks
{
    private NationalQuarter _quarter = null!;
    private ScoringInput _input = null!;

    [GlobalSetup]
    public void Setup()
    {
        _quarter = new NationalQuarter();
        _input = ScoringInput.Prepare(_quarter.Scheme, _quarter.Period, _quarter.Subjects, _quarter.Cases, _quarter.Ratings, _quarter.Ledger);
    }

    /// <summary>70,000 people × 30 indicators: lines, caps, floors, leader shares, ranks, grades and quota.</summary>
    [Benchmark]
    public int ScoreNationalQuarter() => Scorer.Score(_input).Count;

    /// <summary>3,000,000 case records into 24 indicators' values for 70,000 people.</summary>
    [Benchmark]
    public int AggregateCaseRecords() => CaseAggregator.Aggregate(_quarter.Scheme, _quarter.Subjects, _quarter.Cases, _quarter.Period).SubjectCount;

    /// <summary>Indexing 2.5 million ratings per subject, indicator and group.</summary>
    [Benchmark]
    public RatingTable IndexRatings() => RatingTable.Build(_quarter.Scheme, _quarter.Subjects, _quarter.Ratings);
}
