using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Ballots;
using Appraisal.Storage.Scorecards;
using Appraisal.Workflow.Cycle;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The demo's quarter as <c>appraisal cycle simulate</c> plays it against a running self-host: every rater
/// answers the questionnaire through the API within the rating window, the departments submit their ledgers only, and
/// the final scores read what the raters answered — sealed, counted, and within the scores they drew from.</summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class SimulatedRatersTests : IDisposable
{
    private const string Period = "2026-Q1";

    private readonly string _folder = Directory.CreateTempSubdirectory("appraisal-simulate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task TheSimulatedQuarter_CollectsItsRatings_FromTheRaters_AndTheScoresUseThem()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Sim" + fixture.Prefix[2..]);
        await host.StartAsync();
        using var actors = fixture.Actors(host, Period);
        var ratings = Path.Combine(_folder, "ratings.csv");
        var ledger = Path.Combine(_folder, "ledger.csv");
        await using (var w = File.CreateText(ratings))
        {
            RatingCsv.Write(w, fixture.Sample.Ratings[fixture.Scheme.Id]);
        }

        await using (var w = File.CreateText(ledger))
        {
            LedgerCsv.Write(w, fixture.Sample.Ledger[fixture.Scheme.Id].Where(e => !fixture.Scheme.LedgerItems.Single(i => i.Id == e.ItemId).YearEndOnly));
        }

        Assert.Equal(HttpStatusCode.Accepted, (await actors.StartAsync(new CycleStart(CycleFixture.Office, Period, SelfEvaluationTime: TimeSpan.FromMinutes(10),
            RemindBefore: TimeSpan.Zero, ObjectionPeriod: TimeSpan.FromSeconds(2), RatingTime: TimeSpan.FromSeconds(40)))).StatusCode);

        var (code, output, error) = await host.RunCliAsync(TimeSpan.FromMinutes(6), "cycle", "simulate", "--office", CycleFixture.Office, "--period", Period,
            "--ratings", ratings, "--ledger", ledger, "--timeout", "00:04:00", "--lang", "en");

        Assert.True(code == 0, $"{output}\n{error}");
        var printed = Answered().Match(output);
        Assert.True(printed.Success, output);
        var (raters, scores) = (int.Parse(printed.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(printed.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.True(raters > fixture.Sample.Organisation.People.Count / 2, output);

        // Sealed: every score given is in the seal and the cells, and nothing is left to tell who gave it.
        var box = new BallotBox(fixture.Account);
        var seal = await box.SealOfAsync(CycleFixture.Office, Period);
        Assert.NotNull(seal);
        Assert.Equal(scores, seal.Answers);
        var cells = await box.CellsAsync(CycleFixture.Office, Period);
        Assert.Equal(scores, cells.Where(c => !c.Paper).Sum(c => c.Count));

        // Nothing closed before its time, by the audit chain: the ballots sealed (the moment the seal began, before it
        // read the answers) no earlier than the window's close and its settle (a tenth of the 40 s window), the results
        // recorded final no earlier than the objection period's end.
        var audit = await new AuditLog(fixture.Account).ReadAsync(CycleFixture.Office, Period);
        DateTimeOffset Field(string action, string name) =>
            System.Text.Json.JsonDocument.Parse(audit.Single(e => e.Action == action).After!).RootElement.GetProperty(name).GetDateTimeOffset();
        var sealedAt = Field("ratings.sealed", "sealedAt");
        Assert.True(sealedAt >= Field("ratings.opened", "untilUtc") + TimeSpan.FromSeconds(4), $"sealed at {sealedAt:O}, the window closing at {Field("ratings.opened", "untilUtc"):O} with a 4 s settle");
        var finalAt = audit.Single(e => e.Action == "results.finalised").At;
        Assert.True(finalAt >= Field("notice.published", "until"), $"final at {finalAt:O}, the objection period ending at {Field("notice.published", "until"):O}");

        // The final scores read them: each rated line that counted lies within the scores its raters drew from.
        var pool = fixture.Sample.Ratings[fixture.Scheme.Id].GroupBy(r => (r.SubjectId, r.IndicatorId)).ToDictionary(g => g.Key, g => (Min: g.Min(r => r.Score), Max: g.Max(r => r.Score)));
        var cards = await new ScorecardRepository(fixture.Account).ForPeriodAsync(CycleFixture.Office, Period, fixture.Scheme.Id);
        var rated = cards.SelectMany(c => c.Lines.Where(l => l.Kind == LineKind.Rated && l.Outcome == LineOutcome.Applied).Select(l => (c.SubjectId, Line: l))).ToList();
        Assert.True(rated.Count > cards.Count, $"{rated.Count} rated lines counted for {cards.Count} scorecards");
        Assert.All(rated, r =>
        {
            var (min, max) = pool[(r.SubjectId, r.Line.Item!)];
            Assert.InRange(r.Line.Input!.Value, min, max);
        });
    }

    [GeneratedRegex(@"ratings: (\d+) raters answered online, (\d+) scores")]
    private static partial Regex Answered();
}
