using System.CommandLine;
using System.Text.Json;
using Appraisal.Domain.Cases;
using Appraisal.Domain.Inputs;
using Appraisal.Storage;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Cases;
using Appraisal.Storage.Organisation;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal import</c>: loads an organisation and its case records into storage, after checking every row.</summary>
internal static class ImportCommand
{
    public static Command Build(Func<StorageOptions> storage)
    {
        var organisation = new Option<FileInfo>("--organisation") { Description = "The organisation (JSON)", Required = true };
        var cases = new Option<FileInfo?>("--cases") { Description = "Case records (CSV) exported from the case-management system" };
        var actor = new Option<string>("--actor") { Description = "Who imports (recorded in the audit log)", DefaultValueFactory = _ => Environment.UserName };
        var language = CommonOptions.Language();
        var command = new Command("import", "Load an organisation and case records into storage (Azurite by default; see Storage__* variables)")
        {
            organisation, cases, actor, language,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var lang = parse.GetValue(language);
            var errors = new InputErrors();
            var orgFile = parse.GetRequiredValue(organisation);
            if (!orgFile.Exists)
            {
                await error.WriteLineAsync(CliText.Error(lang, CliText.FileNotFound(lang, orgFile)));
                return 2;
            }

            var org = OrganisationDocument.Read(await File.ReadAllTextAsync(orgFile.FullName, cancel), InputFiles.Label(orgFile), errors);
            CaseLog? log = null;
            if (org is not null && parse.GetValue(cases) is { } casesFile)
            {
                using var reader = new StreamReader(casesFile.FullName);
                log = CaseCsv.Read(reader, InputFiles.Label(casesFile), org, errors);
            }

            if (errors.Any || org is null)
            {
                foreach (var e in errors.Items.Take(200))
                {
                    await error.WriteLineAsync(CliText.Error(lang, e.ToString(lang)));
                }

                await error.WriteLineAsync(CliText.Pick(lang, $"{errors.Items.Count} 个输入错误：未导入", $"{errors.Items.Count} input error(s): nothing imported"));
                return 1;
            }

            var account = await StorageSettings.OpenAsync(storage(), cancel);
            var summary = await new OrganisationRepository(account).ImportAsync(org, cancel);
            var imported = log is null ? 0 : await new CaseRepository(account).ImportAsync(org.Office.Id, Enumerable.Range(0, log.Count).Select(i => log[i]), cancel);
            await new AuditLog(account).AppendAsync(org.Office.Id, AuditPeriods.Office, parse.GetValue(actor) ?? "cli", "organisation.imported", org.Office.Id,
                null, JsonSerializer.Serialize(new { summary.Added, summary.Updated, summary.Deactivated, summary.Unchanged, cases = imported }), DateTimeOffset.UtcNow, cancel);
            await output.WriteLineAsync(CliText.Pick(lang,
                $"{org.Office.Name}（{org.Office.Id}）：组织机构新增 {summary.Added}、更新 {summary.Updated}、停用 {summary.Deactivated}、未变 {summary.Unchanged}；导入案件 {imported} 件（存储请求 {account.Requests.Count} 次）",
                $"{org.Office.Name} ({org.Office.Id}): organisation {summary.Added} added, {summary.Updated} updated, " +
                $"{summary.Deactivated} deactivated, {summary.Unchanged} unchanged; {imported} case records imported ({account.Requests.Count} storage requests)"));
            return 0;
        });
        return command;
    }
}
