using System.CommandLine;
using Appraisal.Domain.Text;
using Appraisal.Storage;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal import</c>: loads an organisation and its case records — or an office's year-end ledger — into
/// storage through the same application service as the HTTP imports (<see cref="ImportActions"/>): every row checked
/// first, nothing stored on one error, the same records and audit entries.</summary>
internal static class ImportCommand
{
    public static Command Build(Func<StorageOptions> storage)
    {
        var organisation = new Option<FileInfo?>("--organisation") { Description = "The organisation (JSON)" };
        var cases = new Option<FileInfo?>("--cases") { Description = "Case records (CSV) exported from the case-management system" };
        var ledger = new Option<FileInfo?>("--ledger") { Description = "The year's ledger of year-end-only items (CSV); with --office and --year" };
        var office = new Option<string?>("--office") { Description = "The office (default: the organisation file's)" };
        var year = new Option<string?>("--year") { Description = "The year the --ledger is for, such as 2026" };
        var scheme = new Option<string?>("--scheme") { Description = "The scheme the --ledger is checked against (default: the configured scheme)" };
        var actor = new Option<string>("--actor") { Description = "Who imports (recorded in the audit log)", DefaultValueFactory = _ => Environment.UserName };
        var language = CommonOptions.Language();
        var command = new Command("import", "Load an organisation, case records or a year-end ledger into storage (Azurite by default; see Storage__* variables)")
        {
            organisation, cases, ledger, office, year, scheme, actor, language,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var lang = parse.GetValue(language);
            var files = new[] { parse.GetValue(organisation), parse.GetValue(cases), parse.GetValue(ledger) };
            if (files.All(f => f is null))
            {
                await error.WriteLineAsync(CliText.Error(lang, CliText.Pick(lang, "应提供 --organisation、--cases 或 --ledger", "expected --organisation, --cases or --ledger")));
                return 2;
            }

            if (files.FirstOrDefault(f => f is { Exists: false }) is { } missing)
            {
                await error.WriteLineAsync(CliText.Error(lang, CliText.FileNotFound(lang, missing)));
                return 2;
            }

            var officeId = parse.GetValue(office);
            if ((parse.GetValue(ledger) is not null && (officeId is null || parse.GetValue(year) is null)) || (parse.GetValue(organisation) is null && parse.GetValue(cases) is not null && officeId is null))
            {
                await error.WriteLineAsync(CliText.Error(lang, CliText.Pick(lang, "--ledger 需要 --office 与 --year；只导入 --cases 时需要 --office", "--ledger needs --office and --year; --cases alone needs --office")));
                return 2;
            }

            await using var services = await CliServices.OpenAsync(storage(), cancel);
            var imports = services.GetRequiredService<ImportActions>();
            var caller = CliServices.Operator(parse.GetValue(actor) ?? "cli", officeId);
            try
            {
                if (parse.GetValue(organisation) is not null || parse.GetValue(cases) is not null)
                {
                    var outcome = await imports.RunAsync(caller, officeId, await BytesAsync(parse.GetValue(organisation), cancel), await BytesAsync(parse.GetValue(cases), cancel), cancel);
                    await output.WriteLineAsync(Describe(outcome, lang, services.GetRequiredService<StorageAccount>().Requests.Count));
                }

                if (parse.GetValue(ledger) is { } ledgerFile)
                {
                    var stored = await imports.YearLedgerAsync(caller, officeId!, parse.GetValue(year)!, parse.GetValue(scheme), await File.ReadAllBytesAsync(ledgerFile.FullName, cancel), cancel);
                    await output.WriteLineAsync(CliText.Pick(lang,
                        $"{stored.OfficeId} {stored.Year} 年度台帐：导入 {stored.Entries} 条（方案 {stored.SchemeId} 第 {stored.SchemeVersion} 版，批次 {stored.Batch}）",
                        $"{stored.OfficeId} {stored.Year} year-end ledger: {stored.Entries} entries imported (scheme {stored.SchemeId} v{stored.SchemeVersion}, batch {stored.Batch})"));
                }
            }
            catch (RequestRefusedException ex)
            {
                foreach (var e in ex.Errors.Count > 0 ? ex.Errors.Select(e => e.ToString(lang)) : [ex.Text(lang)])
                {
                    await error.WriteLineAsync(CliText.Error(lang, e));
                }

                await error.WriteLineAsync(CliText.Pick(lang, $"{Math.Max(1, ex.Errors.Count)} 个输入错误：未导入", $"{Math.Max(1, ex.Errors.Count)} input error(s): nothing imported"));
                return 1;
            }

            return 0;
        });
        return command;
    }

    private static async Task<ReadOnlyMemory<byte>?> BytesAsync(FileInfo? file, CancellationToken cancel)
    {
        // Not "file is null ? null : bytes": a null byte[] converts to an empty, non-null ReadOnlyMemory.
        if (file is null)
        {
            return null;
        }

        return await File.ReadAllBytesAsync(file.FullName, cancel);
    }

    private static string Describe(ImportOutcome outcome, Language lang, long requests)
    {
        var parts = new List<string>();
        if (outcome.Organisation is { } o)
        {
            parts.Add(CliText.Pick(lang, $"组织机构新增 {o.Added}、更新 {o.Updated}、停用 {o.Deactivated}、未变 {o.Unchanged}",
                $"organisation {o.Added} added, {o.Updated} updated, {o.Deactivated} deactivated, {o.Unchanged} unchanged"));
        }

        if (outcome.Cases is { } n)
        {
            parts.Add(CliText.Pick(lang, $"导入案件 {n} 件", $"{n} case records imported"));
        }

        return CliText.Pick(lang, $"{outcome.OfficeId}：{string.Join("；", parts)}（存储请求 {requests} 次）", $"{outcome.OfficeId}: {string.Join("; ", parts)} ({requests} storage requests)");
    }
}
