using System.Text.Json;
using System.Text.Json.Nodes;
using Appraisal.Domain.Cases;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Scoring;

namespace Appraisal.SelfHost.Tests.Cli;

/// <summary>The command line reads what issue 19's period rules need: <c>score</c> the reference quarter's case records
/// of a relative target, <c>year-end</c> the year's case records where 第十条 is assessed yearly — and says so when
/// they are not given.</summary>
public sealed class PeriodRulesCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<string> SampleAsync(string name, string period)
    {
        var dir = _folder[name];
        var run = await CliRun.InvokeAsync("sample", "--out", dir, "--period", period, "--seed", "7");
        Assert.Equal(0, run.ExitCode);
        return dir;
    }

    /// <summary>Template B with a change to its JSON, written next to the sample.</summary>
    private static async Task<string> SchemeAsync(string dir, string name, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "schemes", "template-b.json")))!.AsObject();
        change(root);
        var path = Path.Combine(dir, name);
        await File.WriteAllTextAsync(path, root.ToJsonString());
        return path;
    }

    private static List<Scorecard> Cards(string folder) =>
        JsonSerializer.Deserialize<List<Scorecard>>(File.ReadAllText(Path.Combine(folder, "scorecards.json")), DomainJson.Options)!;

    private static CaseLog ReadCases(string dir)
    {
        var organisation = OrganisationDocument.Read(File.ReadAllText(Path.Combine(dir, "organisation.json")), "organisation.json", new InputErrors())!;
        using var reader = new StreamReader(Path.Combine(dir, "cases.csv"));
        var errors = new InputErrors();
        var log = CaseCsv.Read(reader, "cases.csv", organisation, errors);
        Assert.False(errors.Any);
        return log;
    }

    [Fact]
    public async Task Score_ReadsTheReferenceQuartersCases_ForARelativeTarget()
    {
        var q1 = await SampleAsync("q1", "2026-Q1");
        var q2 = await SampleAsync("q2", "2026-Q2");
        var schemeFile = await SchemeAsync(q2, "relative.json", root =>
        {
            var days = root["targetIndicators"]!.AsArray().Single(t => (string?)t!["id"] == "handling-days")!;
            days["relativeTo"] = new JsonObject { ["period"] = "previousQuarter", ["percent"] = 85 };
        });
        string[] Args(string outDir, params string[] more) =>
        [
            "score", "--scheme", schemeFile, "--organisation", Path.Combine(q2, "organisation.json"), "--cases", Path.Combine(q2, "cases.csv"),
            "--period", "2026-Q2", "--out", outDir, .. more,
        ];

        var withReference = await CliRun.InvokeAsync(Args(_folder["with"], "--reference-cases", Path.Combine(q1, "cases.csv")));
        var without = await CliRun.InvokeAsync(Args(_folder["without"]));

        Assert.Equal(0, withReference.ExitCode);
        Assert.Equal(0, without.ExitCode);
        var scheme = SchemeDocument.Read(await File.ReadAllTextAsync(schemeFile)).Scheme!;
        var subjects = SubjectSet.For(scheme, OrganisationDocument.Read(await File.ReadAllTextAsync(Path.Combine(q2, "organisation.json")), "o", new InputErrors())!);
        var index = scheme.TargetIndicators.ToList().FindIndex(t => t.Id == "handling-days");
        var q1Values = CaseAggregator.Aggregate(scheme, subjects, ReadCases(q1), Period.Quarter(2026, 1));

        var cards = Cards(_folder["with"]);
        var measured = 0;
        foreach (var card in cards)
        {
            var line = card.Lines.Single(l => l.Kind == LineKind.Target && l.Item == "handling-days");
            var reference = q1Values[subjects.IndexOf(card.SubjectId), index];
            if (reference is { Value: { } value, Basis: > 0 })
            {
                // The subject's own Q1 average × 85%, rounded once to two decimals.
                measured++;
                Assert.Equal(new LineReference("2026-Q1", Math.Round(value * 0.85m, 2, MidpointRounding.AwayFromZero), value), line.Reference);
                Assert.DoesNotContain(card.Warnings, w => w.Code == WarningCode.NoReferenceValue);
            }
            else
            {
                Assert.Equal(new LineReference("2026-Q1", 30m), line.Reference);
            }
        }

        Assert.True(measured > 10, $"only {measured} subjects closed cases in 2026-Q1");
        Assert.All(Cards(_folder["without"]).Where(c => c.Lines.Any(l => l.Item == "handling-days" && l.Input is not null)),
            c => Assert.Contains(c.Warnings, w => w.Code == WarningCode.NoReferenceValue && w.Item == "handling-days"));
    }

    [Fact]
    public async Task YearEnd_ReadsTheYearsCases_AndDeductsTheYearlyWorkloadShareOnce()
    {
        var dir = await SampleAsync("year", "2026-Q1");
        var schemeFile = await SchemeAsync(dir, "yearly.json", root => root["leaderWorkload"]!["assessed"] = "yearly");
        var organisation = Path.Combine(dir, "organisation.json");
        var quarterFiles = new List<string>();
        for (var q = 1; q <= 4; q++)
        {
            var outDir = _folder[$"out-q{q}"];
            var run = await CliRun.InvokeAsync("score", "--scheme", schemeFile, "--organisation", organisation, "--cases", Path.Combine(dir, "cases.csv"),
                "--period", $"2026-Q{q}", "--out", outDir);
            Assert.Equal(0, run.ExitCode);
            quarterFiles.Add(Path.Combine(outDir, "scorecards.json"));
        }

        string[] Args(params string[] more) => ["year-end", "--scheme", schemeFile, "--organisation", organisation, "--year", "2026", "-o", _folder["annual"], .. more, "--quarters", .. quarterFiles];
        var refused = await CliRun.InvokeAsync(Args());
        var year = await CliRun.InvokeAsync(Args("--cases", Path.Combine(dir, "cases.csv")));

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("应给出全年案件记录（--cases 或 --office）", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, year.ExitCode);

        // Quarters never deduct under the yearly rule; the year-end deducts once per leader, on the year's closed cases.
        Assert.All(quarterFiles.SelectMany(f => JsonSerializer.Deserialize<List<Scorecard>>(File.ReadAllText(f), DomainJson.Options)!),
            c => Assert.All(c.Lines.Where(l => l.Kind == LineKind.LeaderWorkload), l => Assert.Equal(0m, l.Points)));
        // Counted from the file: rows closed in 2026 (the file also holds cases closed in 2025 and open ones).
        var closedIn2026 = (await File.ReadAllLinesAsync(Path.Combine(dir, "cases.csv"))).Skip(1).Select(l => l.Split(','))
            .Where(f => f[5].StartsWith("2026-", StringComparison.Ordinal))
            .GroupBy(f => f[1], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var annual = Cards(_folder["annual"]);
        var leaders = annual.Where(c => c.Lines.Any(l => l.Kind == LineKind.LeaderWorkload)).ToList();
        Assert.NotEmpty(leaders);
        foreach (var card in leaders)
        {
            var line = Assert.Single(card.Lines, l => l.Kind == LineKind.LeaderWorkload);
            Assert.Equal("2026", line.Reference!.Period);
            Assert.Equal(closedIn2026.GetValueOrDefault(card.SubjectId), line.Basis);
            Assert.Equal(line.Outcome == LineOutcome.Below ? -20m : 0m, line.Raw);
        }

        Assert.Contains(leaders, c => c.Lines.Any(l => l.Kind == LineKind.LeaderWorkload && l.Outcome == LineOutcome.Below));
    }
}
