using System.Globalization;
using System.Text.Json;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Scoring;

namespace Appraisal.SelfHost.Tests.Cli;

public sealed class ScoreCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<string> SampleAsync(string name = "sample", string period = "2026-Q1", int seed = 7)
    {
        var dir = _folder[name];
        var run = await CliRun.InvokeAsync("sample", "--out", dir, "--period", period, "--seed", seed.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(0, run.ExitCode);
        return dir;
    }

    [Fact]
    public async Task Sample_SameSeed_SameBytes_OtherSeed_OtherData()
    {
        var first = await SampleAsync("one", seed: 11);
        var second = await SampleAsync("two", seed: 11);
        var third = await SampleAsync("three", seed: 12);

        foreach (var file in new[] { "organisation.json", "cases.csv", "ratings/template-b.csv", "ledger/template-a.csv" })
        {
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(first, file)), await File.ReadAllBytesAsync(Path.Combine(second, file)));
        }

        Assert.NotEqual(await File.ReadAllTextAsync(Path.Combine(first, "cases.csv")), await File.ReadAllTextAsync(Path.Combine(third, "cases.csv")));
    }

    [Fact]
    public async Task Sample_DefaultsToTheSourcesCourt_30Departments_215People()
    {
        var dir = await SampleAsync();

        using var organisation = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "organisation.json")));

        Assert.Equal(30, organisation.RootElement.GetProperty("departments").GetArrayLength());
        Assert.Equal(215, organisation.RootElement.GetProperty("people").GetArrayLength());
        Assert.Equal(215, organisation.RootElement.GetProperty("positions").GetArrayLength());
    }

    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    [InlineData("C")]
    [InlineData("D")]
    public async Task Score_WritesScorecardsWhoseLinesSumToTheirTotals(string letter)
    {
        var dir = await SampleAsync();
        var outDir = _folder["out-" + letter];

        var run = await CliRun.InvokeAsync("score", "--input", dir, "--template", letter, "--period", "2026-Q1", "--out", outDir);

        Assert.Equal(0, run.ExitCode);
        var cards = JsonSerializer.Deserialize<List<Scorecard>>(await File.ReadAllTextAsync(Path.Combine(outDir, "scorecards.json")), DomainJson.Options)!;
        Assert.NotEmpty(cards);
        foreach (var card in cards)
        {
            Assert.Equal(card.Total, card.Lines.Sum(l => l.Points));
            Assert.All(card.Categories, c => Assert.True(c.Points >= 0, $"{card.SubjectId} {c.Category} below 0"));
            Assert.Equal("2026-Q1", card.Period);
        }

        var summaryRows = File.ReadAllLines(Path.Combine(outDir, "scorecards.csv")).Length - 1;
        var lineRows = File.ReadAllLines(Path.Combine(outDir, "lines.csv")).Length - 1;
        Assert.Equal(cards.Count, summaryRows);
        Assert.Equal(cards.Sum(c => c.Lines.Count), lineRows);
    }

    [Fact]
    public async Task Score_Explain_PrintsTheTraceInChinese_OrEnglish()
    {
        var dir = await SampleAsync();

        var zh = await CliRun.InvokeAsync("score", "-i", dir, "-t", "B", "-p", "2026-Q1", "-o", _folder["zh"], "--explain", "E0010");
        var en = await CliRun.InvokeAsync("score", "-i", dir, "-t", "B", "-p", "2026-Q1", "-o", _folder["en"], "--explain", "E0010", "--lang", "en");

        Assert.Equal(0, zh.ExitCode);
        Assert.Contains("考核记分卡", zh.Output, StringComparison.Ordinal);
        Assert.Contains("总分", zh.Output, StringComparison.Ordinal);
        Assert.Contains("司法办案", zh.Output, StringComparison.Ordinal);
        Assert.Equal(0, en.ExitCode);
        Assert.Contains("Total", en.Output, StringComparison.Ordinal);
        Assert.Contains("Case handling", en.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_WritesItsCsvFilesFormulaSafe_AsTheExportsAre()
    {
        var dir = await SampleAsync();
        var file = Path.Combine(dir, "organisation.json");
        var organisation = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        var person = organisation["people"]!.AsArray().First(p => p!["post"]?.GetValue<string>() is null or "none")!;
        person["name"] = "=HYPERLINK(\"http://attacker.example\",\"查看\")";
        await File.WriteAllTextAsync(file, organisation.ToJsonString());
        var outDir = _folder["formula"];

        var run = await CliRun.InvokeAsync("score", "--input", dir, "--template", "B", "--period", "2026-Q1", "--out", outDir);

        Assert.Equal(0, run.ExitCode);
        var summary = await File.ReadAllTextAsync(Path.Combine(outDir, "scorecards.csv"));
        Assert.Contains("\"'=HYPERLINK(\"\"http://attacker.example\"\",\"\"查看\"\")\"", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", summary, StringComparison.Ordinal);
        Assert.Equal(System.Text.Encoding.UTF8.Preamble.ToArray(), (await File.ReadAllBytesAsync(Path.Combine(outDir, "lines.csv")))[..3]);
    }

    [Fact]
    public async Task Score_MalformedCaseRow_ReportsFileLineAndField_AndWritesNothing()
    {
        var dir = await SampleAsync();
        var cases = Path.Combine(dir, "cases.csv");
        var lines = (await File.ReadAllLinesAsync(cases)).ToList();
        lines[3] = lines[3].Replace(",2026-", ",2026-13-", StringComparison.Ordinal);
        lines.Add("X-1,E0010,D02,审查起诉,2026-02-10,2026-02-01,2026-03-10,closed,,");
        await File.WriteAllLinesAsync(cases, lines);
        var outDir = _folder["never"];

        var run = await CliRun.InvokeAsync("score", "-i", dir, "-t", "B", "-p", "2026-Q1", "-o", outDir, "--lang", "en");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cases.csv:4:", run.Error, StringComparison.Ordinal);
        Assert.Contains($"cases.csv:{lines.Count}: closed: expected a date on or after accepted 2026-02-10, found 2026-02-01", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing scored", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Score_MalformedCaseRow_IsReportedInChineseByDefault_WithFileLineAndField()
    {
        var dir = await SampleAsync();
        var cases = Path.Combine(dir, "cases.csv");
        var lines = (await File.ReadAllLinesAsync(cases)).ToList();
        var bad = lines[3].Split(',')[4].Replace("2026-", "2026-13-", StringComparison.Ordinal);
        lines[3] = lines[3].Replace(",2026-", ",2026-13-", StringComparison.Ordinal);
        lines.Add("X-1,E9999,D02,审查起诉,2026-02-10,2026-02-01,2026-03-10,closed,,");
        await File.WriteAllLinesAsync(cases, lines);
        var outDir = _folder["never-zh"];

        var run = await CliRun.InvokeAsync("score", "-i", dir, "-t", "B", "-p", "2026-Q1", "-o", outDir);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"错误：sample/cases.csv:4: accepted：应为 2026-01-31 格式的日期，实际为 '{bad}'", run.Error, StringComparison.Ordinal);
        Assert.Contains($"cases.csv:{lines.Count}: closed：应为受理日期 2026-02-10 当日或之后的日期，实际为 2026-02-01", run.Error, StringComparison.Ordinal);
        Assert.Contains($"cases.csv:{lines.Count}: handler_id：未知的承办人 'E9999'（不属于 sample-basic 院）", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("个输入错误：未计分", run.Error.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("expected", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Score_RatingForSomeoneNotAppraised_IsAnInputError()
    {
        var dir = await SampleAsync();
        await File.AppendAllTextAsync(Path.Combine(dir, "ratings", "template-b.csv"), "NOBODY,conduct-evaluation,colleagues,r1,90\n");

        var run = await CliRun.InvokeAsync("score", "-i", dir, "-t", "B", "-p", "2026-Q1", "-o", _folder["x"], "--lang", "en");
        var zh = await CliRun.InvokeAsync("score", "-i", dir, "-t", "B", "-p", "2026-Q1", "-o", _folder["x"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("subject_id: expected someone appraised under scheme template-b, found 'NOBODY'", run.Error, StringComparison.Ordinal);
        Assert.Equal(1, zh.ExitCode);
        Assert.Contains("subject_id：应为方案 template-b 的考核对象，实际为 'NOBODY'", zh.Error, StringComparison.Ordinal);
        Assert.Contains("1 个输入错误：未计分", zh.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_YearPeriod_IsRefusedWithAPointer()
    {
        var dir = await SampleAsync();

        var run = await CliRun.InvokeAsync("score", "-i", dir, "-t", "B", "-p", "2026", "-o", _folder["y"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("year-end", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task YearEnd_InputErrors_AreReportedInTheChosenLanguage()
    {
        var dir = await SampleAsync();
        var quarters = _folder["quarters.json"];
        await File.WriteAllTextAsync(quarters, "[]");
        var notScorecards = _folder["not-scorecards.json"];
        await File.WriteAllTextAsync(notScorecards, "{ \"no\": ");
        var ledger = _folder["year-ledger.csv"];
        await File.WriteAllTextAsync(ledger, "subject_id,item_id,occurrences,evidence,note\nNOBODY,no-such-item,1,,\n");
        string[] Args(string quarterFile, params string[] more) =>
        [
            "year-end", "--scheme", Path.Combine(dir, "schemes", "template-d.json"), "--organisation", Path.Combine(dir, "organisation.json"),
            "--year", "2026", "-o", _folder["year-never"], "--quarters", quarterFile, .. more,
        ];

        var badQuarter = await CliRun.InvokeAsync(Args(notScorecards));
        var badLedger = await CliRun.InvokeAsync(Args(quarters, "--ledger", ledger));
        var badLedgerEn = await CliRun.InvokeAsync(Args(quarters, "--ledger", ledger, "--lang", "en"));

        Assert.Equal(1, badQuarter.ExitCode);
        Assert.Contains("错误：not-scorecards.json：应为某季度的 scorecards.json：", badQuarter.Error, StringComparison.Ordinal);
        Assert.Contains("1 个输入错误：未计分", badQuarter.Error, StringComparison.Ordinal);
        Assert.Equal(1, badLedger.ExitCode);
        Assert.Contains("year-ledger.csv:2: subject_id：应为方案 template-d 的考核对象，实际为 'NOBODY'", badLedger.Error, StringComparison.Ordinal);
        Assert.Contains("year-ledger.csv:2: item_id：应为方案 template-d 的台帐项目，实际为 'no-such-item'", badLedger.Error, StringComparison.Ordinal);
        Assert.Contains("2 个输入错误：未计分", badLedger.Error, StringComparison.Ordinal);
        Assert.Equal(1, badLedgerEn.ExitCode);
        Assert.Contains("year-ledger.csv:2: subject_id: expected someone appraised under scheme template-d, found 'NOBODY'", badLedgerEn.Error, StringComparison.Ordinal);
        Assert.Contains("2 input error(s): nothing scored", badLedgerEn.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder["year-never"]));
    }

    [Fact]
    public async Task YearEnd_CombinesTheFourQuarters_WithTheSchemesWeights()
    {
        var quarterFiles = new List<string>();
        string? organisation = null;
        for (var q = 1; q <= 4; q++)
        {
            var dir = await SampleAsync($"q{q}", $"2026-Q{q}", seed: 7);
            organisation ??= Path.Combine(dir, "organisation.json");
            var outDir = _folder[$"out-q{q}"];
            var run = await CliRun.InvokeAsync("score", "-i", dir, "-t", "D", "-p", $"2026-Q{q}", "-o", outDir);
            Assert.Equal(0, run.ExitCode);
            quarterFiles.Add(Path.Combine(outDir, "scorecards.json"));
        }

        var yearDir = _folder["year"];
        var args = new List<string> { "year-end", "--scheme", Path.Combine(_folder["q1"], "schemes", "template-d.json"), "--organisation", organisation!, "--year", "2026", "-o", yearDir, "--quarters" };
        args.AddRange(quarterFiles);
        var year = await CliRun.InvokeAsync([.. args]);

        Assert.Equal(0, year.ExitCode);
        var quarters = quarterFiles.Select(f => JsonSerializer.Deserialize<List<Scorecard>>(File.ReadAllText(f), DomainJson.Options)!).ToList();
        var annual = JsonSerializer.Deserialize<List<Scorecard>>(await File.ReadAllTextAsync(Path.Combine(yearDir, "scorecards.json")), DomainJson.Options)!;
        Assert.Equal(quarters[0].Count, annual.Count);
        var someone = annual[5];
        var weights = new[] { 20m, 25m, 25m, 30m };
        var expected = Enumerable.Range(0, 4).Sum(q => quarters[q].Single(c => c.SubjectId == someone.SubjectId).Total * weights[q] / 100m);
        Assert.Equal("2026", someone.Period);
        Assert.Equal(8 * 4, someone.Lines.Count(l => l.Kind == LineKind.Quarter)); // 8 categories × 4 quarters
        Assert.InRange(someone.Total, expected - 0.05m, expected + 0.05m);
    }
}
