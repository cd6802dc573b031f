using System.CommandLine;
using System.Text.Json;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal year-end</c>: the year's quarter scorecards combined with the scheme's weights, plus year-end-only items.</summary>
internal static class YearEndCommand
{
    public static Command Build(Func<Storage.StorageOptions> storage)
    {
        var scheme = new Option<FileInfo>("--scheme") { Description = "The scheme document (JSON)", Required = true };
        var organisation = new Option<FileInfo>("--organisation") { Description = "The organisation (JSON)", Required = true };
        var quarters = new Option<FileInfo[]>("--quarters") { Description = "The quarters' scorecards.json files", Required = true, AllowMultipleArgumentsPerToken = true };
        var ledger = new Option<FileInfo?>("--ledger") { Description = "Year-end ledger entries (CSV), year-end-only items" };
        var cases = new Option<FileInfo?>("--cases") { Description = "The year's case records (CSV), where the scheme assesses the leaders' workload (第十条) yearly" };
        var office = new Option<string?>("--office") { Description = "Read the year's case records of this office from storage instead (see 'appraisal import')" };
        var year = new Option<int>("--year") { Description = "The year, e.g. 2026", Required = true };
        var outDir = new Option<DirectoryInfo?>("--out", "-o") { Description = "Folder for the annual scorecards (default: results/<scheme>/<year>)" };
        var explain = new Option<string?>("--explain") { Description = "Print the full trace of one subject's annual scorecard" };
        var language = CommonOptions.Language();
        var command = new Command("year-end", "The year-end appraisal (年终总考核) from the year's quarter scorecards")
        {
            scheme, organisation, quarters, ledger, cases, office, year, outDir, explain, language,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var lang = parse.GetValue(language);
            var (s, org, errors) = await InputFiles.LoadSchemeAndOrganisationAsync(parse.GetRequiredValue(scheme), parse.GetRequiredValue(organisation), lang, cancel);
            var messages = errors.ToList();
            var quarterCards = new List<Scorecard>();
            foreach (var file in parse.GetRequiredValue(quarters))
            {
                try
                {
                    await using var stream = file.OpenRead();
                    quarterCards.AddRange(await JsonSerializer.DeserializeAsync<List<Scorecard>>(stream, DomainJson.Options, cancel) ?? []);
                }
                catch (Exception ex) when (ex is IOException or JsonException)
                {
                    messages.Add(CliText.Pick(lang,
                        $"{file.Name}：应为某季度的 scorecards.json：{ex.Message}",
                        $"{file.Name}: expected the scorecards.json of a quarter: {ex.Message}"));
                }
            }

            var y = parse.GetValue(year);
            if (s is null || org is null || messages.Count > 0)
            {
                foreach (var m in messages)
                {
                    await error.WriteLineAsync(CliText.Error(lang, m));
                }

                await error.WriteLineAsync(CliText.NothingScored(lang, messages.Count));
                return 1;
            }

            var subjects = SubjectSet.For(s, org);
            var inputErrors = new InputErrors();
            var entries = new List<LedgerEntry>();
            if (parse.GetValue(ledger) is { } ledgerFile)
            {
                if (ledgerFile.Exists)
                {
                    using var reader = new StreamReader(ledgerFile.FullName);
                    entries = LedgerCsv.Read(reader, InputFiles.Label(ledgerFile), s, subjects, Period.OfYear(y), inputErrors);
                }
                else
                {
                    inputErrors.Add(InputFiles.Label(ledgerFile), 0, "file", $"file not found: {ledgerFile.FullName}", $"找不到文件：{ledgerFile.FullName}");
                }
            }

            // 第十条 assessed yearly: the year's workload from the year's case records, the same path as the workflow's.
            Domain.Cases.CaseLog? yearCases = null;
            if (YearEndScorer.NeedsYearCases(s))
            {
                if (parse.GetValue(cases) is { } casesFile)
                {
                    yearCases = InputFiles.ReadCases(casesFile, org, inputErrors);
                }
                else if (parse.GetValue(office) is { } officeId)
                {
                    var account = await StorageSettings.OpenAsync(storage(), cancel);
                    yearCases = await new Storage.Cases.CaseRepository(account).ForPeriodAsync(officeId, Period.OfYear(y), cancel);
                }
                else
                {
                    inputErrors.Add("year-end", 0, "--cases",
                        "expected the year's case records (--cases or --office): the scheme assesses the leaders' workload (article 10) once a year, on the year's totals",
                        "应给出全年案件记录（--cases 或 --office）：方案按年度考核领导干部办案量（第十条），年终按全年总数计算");
                }
            }

            if (inputErrors.Any)
            {
                foreach (var e in inputErrors.Items)
                {
                    await error.WriteLineAsync(CliText.Error(lang, e.ToString(lang)));
                }

                await error.WriteLineAsync(CliText.NothingScored(lang, inputErrors.Items.Count));
                return 1;
            }

            var cards = YearEndScorer.Score(s, y, subjects, quarterCards, entries, yearCases);
            var target = parse.GetValue(outDir) ?? new DirectoryInfo(Path.Combine("results", s.Id, y.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var written = await ScoreOutput.WriteAsync(target, s, cards, lang, cancel);
            await output.WriteLineAsync(Summary.Of(s, cards, lang));
            foreach (var file in written)
            {
                await output.WriteLineAsync("  → " + file);
            }

            if (parse.GetValue(explain) is { } who && cards.FirstOrDefault(c => c.SubjectId == who) is { } card)
            {
                await output.WriteLineAsync();
                await output.WriteAsync(ScorecardText.Explain(card, s, lang));
            }

            return 0;
        });
        return command;
    }
}
