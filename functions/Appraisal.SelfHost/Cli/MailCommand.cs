using System.CommandLine;
using System.Globalization;
using Appraisal.Storage;
using Appraisal.Storage.Outbox;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Mail;
using Appraisal.Workflow.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal mail failed</c> lists the mail set aside after failing too often, with the last error;
/// <c>appraisal mail resend --stream S --key K [--to ADDRESS]</c> makes one due again (to a corrected address when
/// given), and the next pass of the sender sends it once — through the same service as the dashboard's form, which
/// records the resend in the office's audit log.</summary>
internal static class MailCommand
{
    public static Command Build(Func<StorageOptions> storage) => new("mail", "The outbox: mail set aside after failing too often, and resending it")
    {
        Failed(storage),
        Resend(storage),
    };

    private static Command Failed(Func<StorageOptions> storage)
    {
        var max = new Option<int>("--max") { Description = "List at most this many (default 500)", DefaultValueFactory = _ => 500 };
        var language = CommonOptions.Language();
        var command = new Command("failed", "List the mail set aside after failing Smtp__MaxAttempts times, with the last error") { max, language };
        command.SetAction(async (parse, cancel) =>
        {
            var lang = parse.GetValue(language);
            var output = parse.InvocationConfiguration.Output;
            var failed = await new OutboxRepository(await StorageSettings.OpenAsync(storage(), cancel)).FailedAsync(Math.Max(1, parse.GetValue(max)), cancel);
            foreach (var m in failed)
            {
                var attempts = m.Value.Attempts.ToString(CultureInfo.InvariantCulture);
                var at = Html.Beijing(m.Value.SetAsideAt ?? m.Value.CreatedAt);
                await output.WriteLineAsync(CliText.Pick(lang,
                    $"{m.PartitionKey} {m.RowKey} → {m.Value.To}：失败 {attempts} 次，{at} 起搁置；最后错误：{m.Value.LastError}",
                    $"{m.PartitionKey} {m.RowKey} → {m.Value.To}: failed {attempts} time(s), set aside since {at}; last error: {m.Value.LastError}"));
            }

            await output.WriteLineAsync(CliText.Pick(lang,
                $"共 {failed.Count.ToString(CultureInfo.InvariantCulture)} 封搁置的邮件",
                $"{failed.Count.ToString(CultureInfo.InvariantCulture)} mail(s) set aside"));
            return 0;
        });
        return command;
    }

    private static Command Resend(Func<StorageOptions> storage)
    {
        var stream = new Option<string>("--stream") { Description = "The message's stream, as 'mail failed' lists it (first column)", Required = true };
        var key = new Option<string>("--key") { Description = "The message's key, as 'mail failed' lists it (second column)", Required = true };
        var to = new Option<string?>("--to") { Description = "Send it to this address instead (the corrected one)" };
        var officeOption = new Option<string?>("--office") { Description = "The office whose mail it is, when the mail does not say (mail enqueued before offices were recorded)" };
        var actor = new Option<string>("--actor") { Description = "Who resends (recorded in the office's audit log)", DefaultValueFactory = _ => Environment.UserName };
        var language = CommonOptions.Language();
        var command = new Command("resend", "Send a mail that was set aside again, once, at the sender's next pass; recorded in the office's audit log") { stream, key, to, officeOption, actor, language };
        command.SetAction(async (parse, cancel) =>
        {
            var lang = parse.GetValue(language);
            var (s, k, address) = (parse.GetRequiredValue(stream), parse.GetRequiredValue(key), parse.GetValue(to));
            await using var services = await CliServices.OpenAsync(storage(), cancel);
            var found = SetAsideMail.IsKeyPart(s) && SetAsideMail.IsKeyPart(k) ? await services.GetRequiredService<OutboxRepository>().FindAsync(s, k, cancel) : null;
            var office = found is null ? null : parse.GetValue(officeOption) ?? SetAsideMail.OfficeOf(found);
            int code;
            string text;
            if (found is null || office is null)
            {
                (code, text) = (1, CliText.Pick(lang, found is null ? $"{s} {k}：没有这封邮件" : $"{s} {k}：无法从邮件得知所属院，请用 --office 指明",
                    found is null ? $"{s} {k}: no such mail" : $"{s} {k}: the mail does not say its office; name it with --office"));
            }
            else
            {
                try
                {
                    await services.GetRequiredService<SetAsideMail>().ResendAsync(CliServices.Operator(parse.GetValue(actor) ?? "cli", office), office, s, k, address, cancel);
                    (code, text) = (0, CliText.Pick(lang, $"{s} {k}：将在下一轮发送（已记入 {office} 的审计记录）", $"{s} {k}: goes at the sender's next pass (recorded in {office}'s audit trail)"));
                }
                catch (RequestRefusedException ex)
                {
                    (code, text) = (ex.Status == 400 ? 2 : 1, (ex.Field == "to" ? "--to" : $"{s} {k}") + CliText.Pick(lang, "：", ": ") + ex.Detail(lang));
                }
            }

            await (code == 0 ? parse.InvocationConfiguration.Output : parse.InvocationConfiguration.Error)
                .WriteLineAsync(code == 0 ? text : CliText.Error(lang, text));
            return code;
        });
        return command;
    }
}
