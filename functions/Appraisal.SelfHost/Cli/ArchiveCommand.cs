using System.CommandLine;
using System.Globalization;
using Appraisal.Storage;
using Appraisal.Storage.Reports;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Exports;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal archive build --office X --year 2026 [-o FILE]</c>: builds the office's annual archive (年度归档)
/// into Blob storage, as the HTTP endpoint does, and writes the stored zip to FILE when asked; <c>appraisal audit verify
/// --archive FILE</c> checks it.</summary>
internal static class ArchiveCommand
{
    public static Command Build(Func<StorageOptions> storage)
    {
        var office = new Option<string>("--office") { Description = "The office id", Required = true };
        var year = new Option<string>("--year") { Description = "The year, such as 2026", Required = true };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Also write the stored zip to this file" };
        var actor = new Option<string>("--actor") { Description = "Who builds it (recorded in the audit log)", DefaultValueFactory = _ => Environment.UserName };
        var language = CommonOptions.Language();
        var build = new Command("build", "Build the year's archive (final results, audit extracts, evidence manifest, manifest.json of SHA-256s) into Blob storage")
        {
            office, year, output, actor, language,
        };
        build.SetAction(async (parse, cancel) =>
        {
            var lang = parse.GetValue(language);
            var error = parse.InvocationConfiguration.Error;
            var officeId = parse.GetRequiredValue(office);
            if (!int.TryParse(parse.GetRequiredValue(year), NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 2000 or > 2100)
            {
                await error.WriteLineAsync(CliText.Error(lang, CliText.Pick(lang,
                    $"--year：应为年份，如 2026，实际为 '{parse.GetValue(year)}'；未生成归档", $"--year: expected a year such as 2026, found '{parse.GetValue(year)}'; nothing built")));
                return 2;
            }

            await using var services = await CliServices.OpenAsync(storage(), cancel);
            var reports = services.GetRequiredService<ReportStore>();
            var archive = services.GetRequiredService<AnnualArchive>();
            ArchiveManifest manifest;
            try
            {
                manifest = await archive.BuildAsync(CliServices.Operator(parse.GetValue(actor) ?? "cli", officeId), officeId, y, cancel);
            }
            catch (RequestRefusedException ex)
            {
                await error.WriteLineAsync(CliText.Error(lang, ex.Text(lang) + CliText.Pick(lang, "；未生成归档", "; nothing built")));
                return 1;
            }

            var name = AnnualArchive.BlobName(officeId, y);
            var stored = string.Join(", ", manifest.Periods);
            await parse.InvocationConfiguration.Output.WriteLineAsync(CliText.Pick(lang,
                $"已生成 {manifest.OfficeName} {y} 年度归档：考核期 {(stored.Length > 0 ? stored : "（无最终结果）")}，文件 {manifest.Files.Count} 个，存于 {reports.Location(name)}",
                $"built the {y} archive of {manifest.OfficeName}: periods {(stored.Length > 0 ? stored : "(no final results)")}, {manifest.Files.Count} files, stored at {reports.Location(name)}"));
            if (parse.GetValue(output) is { } file)
            {
                await using (var zip = await reports.OpenAsync(name, cancel) ?? throw new InvalidOperationException($"{reports.Location(name)}: expected the archive just built, found none"))
                await using (var written = file.Create())
                {
                    await zip.CopyToAsync(written, cancel);
                }

                await parse.InvocationConfiguration.Output.WriteLineAsync(CliText.Pick(lang,
                    $"已写入 {file.FullName}（可用 appraisal audit verify --archive 校验）", $"written to {file.FullName} (check it with appraisal audit verify --archive)"));
            }

            return 0;
        });

        return new Command("archive", "The annual archive (年度归档) in Blob storage") { build };
    }
}
