using System.CommandLine;
using Appraisal.Storage;
using Appraisal.Storage.Audit;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal audit verify|show --office X --period P</c>: check or list an office's audit chain for a period;
/// <c>appraisal audit verify --archive FILE</c>: check an annual archive.</summary>
internal static class AuditCommand
{
    public static Command Build(Func<StorageOptions> storage)
    {
        var office = new Option<string>("--office") { Description = "The office id" };
        var period = new Option<string>("--period") { Description = "The period (2026-Q1), 'office' for the office's own chain, or 'sign-in-2026-12' for a month's sign-ins" };
        var archive = new Option<FileInfo?>("--archive") { Description = "Check an annual archive (zip) instead: every file against its manifest, every audit chain" };
        var language = CommonOptions.Language();
        var verify = new Command("verify", "Recompute the audit chain (or check an archive); exit 1 and name the first entry or file that does not hold") { office, period, archive, language };
        verify.SetAction(async (parse, cancel) =>
        {
            var lang = parse.GetValue(language);
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(archive) is { } file)
            {
                if (!file.Exists)
                {
                    await error.WriteLineAsync(CliText.Error(lang, CliText.FileNotFound(lang, file)));
                    return 2;
                }

                await using var stream = file.OpenRead();
                var check = Workflow.Exports.AnnualArchive.Verify(stream);
                foreach (var problem in check.Problems)
                {
                    await error.WriteLineAsync(CliText.Error(lang, problem));
                }

                await (check.Intact ? output : error).WriteLineAsync(CliText.Pick(lang,
                    check.Intact ? $"归档完整：{check.Files} 个文件与清单一致，审计记录 {check.AuditEntries} 条链条完整" : $"归档有 {check.Problems.Count} 处问题",
                    check.Intact ? $"archive intact: {check.Files} files match the manifest, {check.AuditEntries} audit entries chain" : $"archive has {check.Problems.Count} problem(s)"));
                return check.Intact ? 0 : 1;
            }

            if (parse.GetValue(office) is not { Length: > 0 } officeId || parse.GetValue(period) is not { Length: > 0 } periodId)
            {
                await error.WriteLineAsync(CliText.Error(lang, CliText.Pick(lang, "应给出 --office 与 --period，或 --archive", "expected --office and --period, or --archive")));
                return 2;
            }

            var account = await StorageSettings.OpenAsync(storage(), cancel);
            var result = await new AuditLog(account).VerifyAsync(officeId, periodId, cancel);
            if (result.Intact)
            {
                await output.WriteLineAsync(CliText.Pick(lang, $"审计链完整：共 {result.Entries} 条", $"audit chain intact: {result.Entries} entries"));
                return 0;
            }

            await error.WriteLineAsync(CliText.Pick(lang,
                $"审计链在第 {result.BrokenAt} 条（共 {result.Entries} 条）处断裂：{result.Reason}", $"audit chain broken at entry {result.BrokenAt} of {result.Entries}: {result.Reason}"));
            return 1;
        });

        var showOffice = new Option<string>("--office") { Description = "The office id", Required = true };
        var showPeriod = new Option<string>("--period") { Description = "The period (2026-Q1), 'office' for the office's own chain, or 'sign-in-2026-12' for a month's sign-ins", Required = true };
        var show = new Command("show", "List the audit entries, oldest first") { showOffice, showPeriod };
        show.SetAction(async (parse, cancel) =>
        {
            var account = await StorageSettings.OpenAsync(storage(), cancel);
            foreach (var e in await new AuditLog(account).ReadAsync(parse.GetRequiredValue(showOffice), parse.GetRequiredValue(showPeriod), cancel))
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync($"{e.Sequence,5} {e.At:O} {e.Actor} {e.Action} {e.Target} {e.After} {e.Hash[..16]}…");
            }

            return 0;
        });

        return new Command("audit", "The append-only, hash-chained audit log") { verify, show };
    }
}
