using System.CommandLine;
using System.Diagnostics;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Scoring;
using Appraisal.Domain.Text;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal score</c>: scheme + inputs + period → scorecards (JSON and CSV), or one scorecard's trace.</summary>
internal static class ScoreCommand
{
    public static Command Build()
    {
        var input = new Option<DirectoryInfo?>("--input", "-i") { Description = "A sample folder (from 'appraisal sample'); with --template picks its files" };
        var template = new Option<string?>("--template", "-t") { Description = "With --input: which template's scheme, ratings and ledger (A–D)" };
        var scheme = new Option<FileInfo?>("--scheme") { Description = "The scheme document (JSON)" };
        var organisation = new Option<FileInfo?>("--organisation") { Description = "The organisation (JSON)" };
        var cases = new Option<FileInfo?>("--cases") { Description = "Case records (CSV)" };
        var ratings = new Option<FileInfo?>("--ratings") { Description = "Ratings (CSV)" };
        var ledger = new Option<FileInfo?>("--ledger") { Description = "Ledger entries (CSV)" };
        var period = new Option<string>("--period", "-p") { Description = "The period: 2026-Q1, 2026-M03", Required = true };
        var outDir = new Option<DirectoryInfo?>("--out", "-o") { Description = "Folder for scorecards.json, scorecards.csv and lines.csv (default: results/<scheme>/<period>)" };
        var explain = new Option<string?>("--explain") { Description = "Print the full trace of one subject's scorecard (person or department id)" };
        var language = CommonOptions.Language();
        var command = new Command("score", "Score a period: every subject's scorecard with lines, categories, total, grade, ranks and warnings")
        {
            input, template, scheme, organisation, cases, ratings, ledger, period, outDir, explain, language,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!Period.TryParse(parse.GetValue(period), out var p, out var reason) || p.Kind == PeriodKind.Year)
            {
                await error.WriteLineAsync($"error: --period: {(reason.Length > 0 ? reason : "expected a quarter or a month; use 'appraisal year-end' for a year")}");
                return 2;
            }

            FileInfo? schemeFile = parse.GetValue(scheme), organisationFile = parse.GetValue(organisation), casesFile = parse.GetValue(cases),
                ratingsFile = parse.GetValue(ratings), ledgerFile = parse.GetValue(ledger);
            if (parse.GetValue(input) is { } dir)
            {
                var letter = parse.GetValue(template);
                if (letter is null || !Domain.Schemes.SchemeTemplates.Descriptions.ContainsKey(letter))
                {
                    await error.WriteLineAsync($"error: --template: expected A, B, C or D with --input, found '{letter}'");
                    return 2;
                }

                var files = new SampleFiles(dir.FullName);
                schemeFile ??= new FileInfo(files.Scheme(letter));
                organisationFile ??= new FileInfo(files.Organisation);
                casesFile ??= new FileInfo(files.Cases);
                ratingsFile ??= new FileInfo(files.Ratings(letter));
                ledgerFile ??= new FileInfo(files.Ledger(letter));
            }

            if (schemeFile is null || organisationFile is null)
            {
                await error.WriteLineAsync("error: expected --scheme and --organisation (or --input with --template)");
                return 2;
            }

            var clock = Stopwatch.StartNew();
            var (loaded, errors) = await InputFiles.LoadAsync(schemeFile, organisationFile, casesFile, ratingsFile, ledgerFile, p, cancel);
            if (loaded is null)
            {
                foreach (var e in errors.Take(200))
                {
                    await error.WriteLineAsync("error: " + e);
                }

                if (errors.Count > 200)
                {
                    await error.WriteLineAsync($"… and {errors.Count - 200} more error(s)");
                }

                await error.WriteLineAsync($"{errors.Count} input error(s): nothing scored");
                return 1;
            }

            await error.WriteLineAsync($"read {loaded.Subjects.Count} subjects, {loaded.Cases.Count} case records, {loaded.Ratings.Count} ratings, {loaded.Ledger.Count} ledger entries ({clock.ElapsedMilliseconds} ms)");
            var prepared = ScoringInput.Prepare(loaded.Scheme, p, loaded.Subjects, loaded.Cases, loaded.Ratings, loaded.Ledger);
            using var progress = new ConsoleProgress(error, "scoring", loaded.Subjects.Count);
            var cards = Scorer.Score(prepared, loaded.Subjects.Count >= 10_000 ? progress : null);
            progress.Done();

            var lang = parse.GetValue(language);
            var target = parse.GetValue(outDir) ?? new DirectoryInfo(Path.Combine("results", loaded.Scheme.Id, p.ToString()));
            var written = await ScoreOutput.WriteAsync(target, loaded.Scheme, cards, lang, cancel);
            await output.WriteLineAsync(Summary.Of(loaded.Scheme, cards, lang));
            foreach (var file in written)
            {
                await output.WriteLineAsync("  → " + file);
            }

            if (parse.GetValue(explain) is { } who)
            {
                var card = cards.FirstOrDefault(c => c.SubjectId == who);
                if (card is null)
                {
                    await error.WriteLineAsync($"error: --explain: expected a subject appraised under {loaded.Scheme.Id}, found '{who}'");
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
