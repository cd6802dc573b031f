using System.CommandLine;
using Appraisal.Storage;
using Appraisal.Storage.Audit;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal audit verify|show --office X --period P</c>: check or list an office's audit chain for a period.</summary>
internal static class AuditCommand
{
    public static Command Build(Func<StorageOptions> storage)
    {
        var office = new Option<string>("--office") { Description = "The office id", Required = true };
        var period = new Option<string>("--period") { Description = "The period (2026-Q1), or 'office' for the office's own chain", Required = true };
        var language = CommonOptions.Language();
        var verify = new Command("verify", "Recompute the audit chain; exit 1 and name the first entry that does not hold") { office, period, language };
        verify.SetAction(async (parse, cancel) =>
        {
            var account = await StorageSettings.OpenAsync(storage(), cancel);
            var result = await new AuditLog(account).VerifyAsync(parse.GetRequiredValue(office), parse.GetRequiredValue(period), cancel);
            if (result.Intact)
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(CliText.Pick(parse.GetValue(language),
                    $"审计链完整：共 {result.Entries} 条", $"audit chain intact: {result.Entries} entries"));
                return 0;
            }

            await parse.InvocationConfiguration.Error.WriteLineAsync(CliText.Pick(parse.GetValue(language),
                $"审计链在第 {result.BrokenAt} 条（共 {result.Entries} 条）处断裂：{result.Reason}", $"audit chain broken at entry {result.BrokenAt} of {result.Entries}: {result.Reason}"));
            return 1;
        });

        var show = new Command("show", "List the audit entries, oldest first") { office, period };
        show.SetAction(async (parse, cancel) =>
        {
            var account = await StorageSettings.OpenAsync(storage(), cancel);
            foreach (var e in await new AuditLog(account).ReadAsync(parse.GetRequiredValue(office), parse.GetRequiredValue(period), cancel))
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync($"{e.Sequence,5} {e.At:O} {e.Actor} {e.Action} {e.Target} {e.After} {e.Hash[..16]}…");
            }

            return 0;
        });

        return new Command("audit", "The append-only, hash-chained audit log") { verify, show };
    }
}
