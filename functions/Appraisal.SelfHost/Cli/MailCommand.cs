using System.CommandLine;
using System.Globalization;
using Appraisal.Storage;
using Appraisal.Storage.Outbox;
using Appraisal.Workflow.Pages;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal mail failed</c> lists the mail set aside after failing too often, with the last error;
/// <c>appraisal mail resend --stream S --key K [--to ADDRESS]</c> makes one due again (to a corrected address when
/// given), and the next pass of the sender sends it once.</summary>
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
        var language = CommonOptions.Language();
        var command = new Command("resend", "Send a mail that was set aside again, once, at the sender's next pass") { stream, key, to, language };
        command.SetAction(async (parse, cancel) =>
        {
            var lang = parse.GetValue(language);
            var (s, k, address) = (parse.GetRequiredValue(stream), parse.GetRequiredValue(key), parse.GetValue(to));
            if (address is not null && !System.Net.Mail.MailAddress.TryCreate(address.Trim(), out _))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(CliText.Error(lang, CliText.Pick(lang,
                    $"--to：应为电子邮件地址，实为“{address}”", $"--to: expected an email address, found '{address}'")));
                return 2;
            }

            var outbox = new OutboxRepository(await StorageSettings.OpenAsync(storage(), cancel));
            OutboxResend outcome;
            try
            {
                outcome = await outbox.ResendAsync(s, k, address, DateTimeOffset.UtcNow, cancel);
            }
            catch (StorageKeyException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(CliText.Error(lang, ex.Message));
                return 2;
            }

            var (code, zh, en) = outcome switch
            {
                OutboxResend.Resent => (0, $"{s} {k}：将在下一轮发送", $"{s} {k}: goes at the sender's next pass"),
                OutboxResend.NotFound => (1, $"{s} {k}：没有这封邮件", $"{s} {k}: no such mail"),
                _ => (1, $"{s} {k}：未被搁置（已发送或仍在重试），未作更改", $"{s} {k}: not set aside (sent, or still being retried); nothing changed"),
            };
            await (code == 0 ? parse.InvocationConfiguration.Output : parse.InvocationConfiguration.Error)
                .WriteLineAsync(code == 0 ? CliText.Pick(lang, zh, en) : CliText.Error(lang, CliText.Pick(lang, zh, en)));
            return code;
        });
        return command;
    }
}
