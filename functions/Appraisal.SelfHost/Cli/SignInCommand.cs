using System.CommandLine;
using Appraisal.Storage;
using Appraisal.Storage.SignIn;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal signin status|unlock --account NAME | --address IP</c>: an administrator reads or lifts a
/// sign-in lockout before it runs out (someone who forgot their password and has since reset it in the directory).</summary>
internal static class SignInCommand
{
    public static Command Build(Func<StorageOptions> storage)
    {
        var status = new Command("status", "Show the failed sign-ins counted for an account or a client address, and until when it is locked");
        var unlock = new Command("unlock", "Forget the failed sign-ins of an account or a client address: it may sign in again at once");
        foreach (var (command, act) in new (Command, bool)[] { (status, false), (unlock, true) })
        {
            var account = new Option<string?>("--account") { Description = "The user name as typed at sign-in" };
            var address = new Option<string?>("--address") { Description = "The client address (as the audit log shows it)" };
            var language = CommonOptions.Language();
            command.Options.Add(account);
            command.Options.Add(address);
            command.Options.Add(language);
            command.SetAction(async (parse, cancel) =>
            {
                var lang = parse.GetValue(language);
                var (name, kind) = (parse.GetValue(account), parse.GetValue(address)) switch
                {
                    ({ Length: > 0 } a, null) => (a, "account"),
                    (null, { Length: > 0 } ip) => (ip, "address"),
                    _ => (null, null),
                };
                if (name is null || kind is null)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync(CliText.Error(lang, CliText.Pick(lang, "应给出 --account 或 --address 之一", "expected one of --account or --address")));
                    return 2;
                }

                var failures = new SignInFailureRepository(await StorageSettings.OpenAsync(storage(), cancel));
                var count = await failures.GetAsync(kind, name, cancel);
                if (act)
                {
                    await failures.ClearAsync(kind, name, cancel);
                }

                var locked = count?.LockedUntil is { } until && until > DateTimeOffset.UtcNow ? until : (DateTimeOffset?)null;
                var shown = count is null
                    ? CliText.Pick(lang, $"{name}：没有失败的登录记录", $"{name}: no failed sign-ins counted")
                    : CliText.Pick(lang,
                        $"{name}：自 {Workflow.Pages.Html.Beijing(count.WindowStart)} 起失败 {count.Failures} 次{(locked is { } l ? $"，锁定至 {Workflow.Pages.Html.Beijing(l)}" : string.Empty)}{(act ? "；已解除" : string.Empty)}",
                        $"{name}: {count.Failures} failure(s) since {Workflow.Pages.Html.Beijing(count.WindowStart)}{(locked is { } l2 ? $", locked until {Workflow.Pages.Html.Beijing(l2)}" : string.Empty)}{(act ? "; cleared" : string.Empty)}");
                await parse.InvocationConfiguration.Output.WriteLineAsync(shown);
                return 0;
            });
        }

        return new Command("signin", "Sign-in lockouts of the self-host's browser sign-in") { status, unlock };
    }
}
