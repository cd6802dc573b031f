using System.CommandLine;
using System.Diagnostics;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;
using Appraisal.Storage;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal score</c>: scheme + inputs + period → scorecards (JSON and CSV), or one scorecard's trace.</summary>
internal static class ScoreCommand
{
    public static Command Build(Func<StorageOptions> storage)
    {
        var input = new Option<DirectoryInfo?>("--input", "-i") { Description = "A sample folder (from 'appraisal sample'); with --template picks its files" };
        var template = new Option<string?>("--template", "-t") { Description = "With --input: which template's scheme, ratings and ledger (A–D)" };
        var scheme = new Option<FileInfo?>("--scheme") { Description = "The scheme document (JSON)" };
        var organisation = new Option<FileInfo?>("--organisation") { Description = "The organisation (JSON)" };
        var cases = new Option<FileInfo?>("--cases") { Description = "Case records (CSV)" };
        var referenceCases = new Option<FileInfo?>("--reference-cases")
        {
            Description = "Case records (CSV) of the reference quarter(s) of the scheme's relative targets (may be the --cases file when it holds them); with --office they are read from storage",
        };
        var ratings = new Option<FileInfo?>("--ratings") { Description = "Ratings (CSV)" };
        var ledger = new Option<FileInfo?>("--ledger") { Description = "Ledger entries (CSV)" };
        var period = new Option<string>("--period", "-p") { Description = "The period: 2026-Q1, 2026-M03", Required = true };
        var outDir = new Option<DirectoryInfo?>("--out", "-o") { Description = "Folder for scorecards.json, scorecards.csv and lines.csv (default: results/<scheme>/<period>)" };
        var explain = new Option<string?>("--explain") { Description = "Print the full trace of one subject's scorecard (person or department id)" };
        var language = CommonOptions.Language();
        var office = new Option<string?>("--office") { Description = "Read the organisation and case records of this office from storage (see 'appraisal import')" };
        var store = new Option<bool>("--store") { Description = "Persist the scorecards to storage (Azurite by default; see Storage__* variables)" };
        var actor = new Option<string>("--actor") { Description = "Who scores (recorded in the audit log)", DefaultValueFactory = _ => Environment.UserName };
        var command = new Command("score", "Score a period: every subject's scorecard with lines, categories, total, grade, ranks and warnings")
        {
            input, template, scheme, organisation, cases, referenceCases, ratings, ledger, period, outDir, explain, language, office, store, actor,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var lang = parse.GetValue(language);
            if (!Period.TryParse(parse.GetValue(period), out var p, out var reason) || p.Kind == PeriodKind.Year)
            {
                await error.WriteLineAsync(CliText.Error(lang, CliText.Pick(lang, "--period：", "--period: ") + (reason.Length > 0 ? reason : CliText.Pick(lang,
                    "应为季度或月份；年度考核请用 'appraisal year-end'",
                    "expected a quarter or a month; use 'appraisal year-end' for a year"))));
                return 2;
            }

            FileInfo? schemeFile = parse.GetValue(scheme), organisationFile = parse.GetValue(organisation), casesFile = parse.GetValue(cases),
                ratingsFile = parse.GetValue(ratings), ledgerFile = parse.GetValue(ledger);
            if (parse.GetValue(input) is { } dir)
            {
                var letter = parse.GetValue(template);
                if (letter is null || !Domain.Schemes.SchemeTemplates.Descriptions.ContainsKey(letter))
                {
                    await error.WriteLineAsync(CliText.Error(lang, CliText.Pick(lang,
                        $"--template：与 --input 同用时应为 A、B、C 或 D，实际为 '{letter}'",
                        $"--template: expected A, B, C or D with --input, found '{letter}'")));
                    return 2;
                }

                var files = new SampleFiles(dir.FullName);
                schemeFile ??= new FileInfo(files.Scheme(letter));
                organisationFile ??= new FileInfo(files.Organisation);
                casesFile ??= new FileInfo(files.Cases);
                ratingsFile ??= new FileInfo(files.Ratings(letter));
                ledgerFile ??= new FileInfo(files.Ledger(letter));
            }

            var officeId = parse.GetValue(office);
            if (schemeFile is null || (organisationFile is null && officeId is null))
            {
                await error.WriteLineAsync(CliText.Error(lang, CliText.Pick(lang,
                    "应给出 --scheme 和 --organisation 或 --office（或 --input 加 --template）",
                    "expected --scheme and --organisation or --office (or --input with --template)")));
                return 2;
            }

            var clock = Stopwatch.StartNew();
            var (loaded, errors) = organisationFile is null
                ? await InputFiles.LoadStoredAsync(schemeFile, officeId!, ratingsFile, ledgerFile, p, lang, storage(), cancel)
                : await InputFiles.LoadAsync(schemeFile, organisationFile, casesFile, ratingsFile, ledgerFile, p, lang, cancel, parse.GetValue(referenceCases));
            if (loaded is null)
            {
                const int Shown = 200;
                foreach (var e in errors.Take(Shown))
                {
                    await error.WriteLineAsync(CliText.Error(lang, e));
                }

                if (errors.Count > Shown)
                {
                    await error.WriteLineAsync(CliText.MoreErrors(lang, errors.Count, Shown));
                }

                await error.WriteLineAsync(CliText.NothingScored(lang, errors.Count));
                return 1;
            }

            await error.WriteLineAsync(CliText.Pick(lang,
                $"已读取 {loaded.Subjects.Count} 个考核对象、{loaded.Cases.Count} 条案件记录、{loaded.Ratings.Count} 条评分、{loaded.Ledger.Count} 条台帐记录（{clock.ElapsedMilliseconds} ms）",
                $"read {loaded.Subjects.Count} subjects, {loaded.Cases.Count} case records, {loaded.Ratings.Count} ratings, {loaded.Ledger.Count} ledger entries ({clock.ElapsedMilliseconds} ms)"));
            var prepared = ScoringInput.Prepare(loaded.Scheme, p, loaded.Subjects, loaded.Cases, loaded.Ratings, loaded.Ledger, loaded.ReferenceCases);
            using var progress = new ConsoleProgress(error, CliText.Pick(lang, "计分", "scoring"), loaded.Subjects.Count, lang);
            var cards = Scorer.Score(prepared, loaded.Subjects.Count >= 10_000 ? progress : null);
            progress.Done();

            var target = parse.GetValue(outDir) ?? new DirectoryInfo(Path.Combine("results", loaded.Scheme.Id, p.ToString()));
            var written = await ScoreOutput.WriteAsync(target, loaded.Scheme, cards, lang, cancel);
            await output.WriteLineAsync(Summary.Of(loaded.Scheme, cards, lang));
            foreach (var file in written)
            {
                await output.WriteLineAsync("  → " + file);
            }

            if (parse.GetValue(store))
            {
                try
                {
                    await output.WriteLineAsync(await StoredResults.SaveAsync(storage(), loaded.Organisation.Office.Id, p.ToString(), cards, parse.GetValue(actor) ?? "cli", lang, cancel));
                }
                catch (Workflow.Cycle.RequestRefusedException ex)
                {
                    await error.WriteLineAsync(CliText.Error(lang, ex.Text(lang) + CliText.Pick(lang, "；未存储", "; nothing stored")));
                    return 1;
                }
            }

            if (parse.GetValue(explain) is { } who)
            {
                var card = cards.FirstOrDefault(c => c.SubjectId == who);
                if (card is null)
                {
                    await error.WriteLineAsync(CliText.Error(lang, CliText.Pick(lang,
                        $"--explain：应为方案 {loaded.Scheme.Id} 的考核对象，实际为 '{who}'",
                        $"--explain: expected a subject appraised under {loaded.Scheme.Id}, found '{who}'")));
                    return 1;
                }

                await output.WriteLineAsync();
                await output.WriteAsync(ScorecardText.Explain(card, loaded.Scheme, lang));
            }

            return 0;
        });
        return command;
    }
}
