using System.CommandLine;
using System.Text;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Sample;
using Appraisal.Domain.Schemes;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal sample --out DIR</c>: a deterministic sample office with a quarter of inputs for templates A–D.</summary>
internal static class SampleCommand
{
    public static Command Build()
    {
        var outDir = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder to write the sample into", DefaultValueFactory = _ => new DirectoryInfo("sample") };
        var departments = new Option<int>("--departments") { Description = "Number of departments", DefaultValueFactory = _ => 30 };
        var people = new Option<int>("--people") { Description = "Number of people (positions)", DefaultValueFactory = _ => 215 };
        var period = new Option<string>("--period") { Description = "The period of the case records, e.g. 2026-Q1", DefaultValueFactory = _ => "2026-Q1" };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same office", DefaultValueFactory = _ => 20261 };
        var command = new Command("sample", "Generate a sample office: organisation, a quarter of case records, ratings and ledger entries")
        {
            outDir, departments, people, period, seed,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (!Period.TryParse(parse.GetValue(period), out var p, out var reason))
            {
                await error.WriteLineAsync($"error: --period: {reason}");
                return 2;
            }

            var options = new SampleOptions { Departments = parse.GetValue(departments), People = parse.GetValue(people), Period = p, Seed = parse.GetValue(seed) };
            if (options.Departments < 2 || options.People < options.Departments + 3)
            {
                await error.WriteLineAsync($"error: expected at least 2 departments and 3 more people than departments, found {options.Departments} and {options.People}");
                return 2;
            }

            var dir = parse.GetRequiredValue(outDir);
            var letters = new[] { "A", "B", "C", "D" };
            var schemes = letters.Select(SchemeTemplates.Load).ToList();
            var data = SampleOffice.Generate(options, schemes);
            var files = new SampleFiles(dir.FullName);
            Directory.CreateDirectory(files.Root);
            Directory.CreateDirectory(Path.Combine(files.Root, "schemes"));
            Directory.CreateDirectory(Path.Combine(files.Root, "ratings"));
            Directory.CreateDirectory(Path.Combine(files.Root, "ledger"));
            await File.WriteAllTextAsync(files.Organisation, OrganisationDocument.Write(data.Organisation), cancel);
            await WriteAsync(files.Cases, w => CaseCsv.Write(w, data.Cases));
            foreach (var (letter, scheme) in letters.Zip(schemes))
            {
                await File.WriteAllTextAsync(files.Scheme(letter), SchemeTemplates.Json(letter), cancel);
                await WriteAsync(files.Ratings(letter), w => RatingCsv.Write(w, data.Ratings[scheme.Id]));
                await WriteAsync(files.Ledger(letter), w => LedgerCsv.Write(w, data.Ledger[scheme.Id]));
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"示例院 {data.Organisation.Office.Name}（{data.Organisation.Office.Id}）：{data.Organisation.Departments.Count} 个部门、{data.Organisation.People.Count} 人、{p} 案件 {data.Cases.Count} 件；方案 A–D 及评分、台帐 → {files.Root}\n" +
                $"sample office {data.Organisation.Office.Name} ({data.Organisation.Office.Id}): {data.Organisation.Departments.Count} departments, " +
                $"{data.Organisation.People.Count} people, {data.Cases.Count} case records for {p}; schemes A–D with ratings and ledger → {files.Root}");
            return 0;
        });
        return command;
    }

    private static async Task WriteAsync(string path, Action<TextWriter> write)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        write(writer);
    }
}
