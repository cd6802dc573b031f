using System.Text.Json;
using Appraisal.Domain.Cases;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Sample;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Scoring;

namespace Appraisal.Storage.Tests;

/// <summary>The generated sample office (deterministic) and its scorecards under template B, the inputs storage
/// tests write and read back.</summary>
internal static class ScoredSample
{
    public const string OfficeId = "sample-basic";

    public static Period Q1 { get; } = Period.Quarter(2026, 1);

    public static Period Q2 { get; } = Period.Quarter(2026, 2);

    public static Scheme SchemeB { get; } = SchemeTemplates.Load("B");

    public static SampleData Generate(Period period, int people = 215) =>
        SampleOffice.Generate(new SampleOptions { Period = period, People = people }, [SchemeB]);

    /// <summary>Scores the sample; <paramref name="rating"/> alters every rating (a re-scoring after corrections).</summary>
    public static IReadOnlyList<Scorecard> Score(SampleData data, Period period, Func<Rating, Rating>? rating = null) =>
        Scorer.Score(ScoringInput.Prepare(SchemeB, period, SubjectSet.For(SchemeB, data.Organisation), CaseLog.From(data.Cases),
            data.Ratings[SchemeB.Id].Select(rating ?? (r => r)), data.Ledger[SchemeB.Id]));

    /// <summary>A scorecard as its full JSON document: two cards are the same record when these are equal.</summary>
    public static string Document(Scorecard card) => JsonSerializer.Serialize(card, DomainJson.Options);

    public static string Document(LedgerEntry entry) => JsonSerializer.Serialize(entry, DomainJson.Options);
}
