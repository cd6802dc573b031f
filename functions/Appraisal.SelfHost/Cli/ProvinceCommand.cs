using System.CommandLine;
using Appraisal.Workflow.Province;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal province start|status</c>: a province's quarter — every imported office (or those named) fanned
/// out in batches of office cycles, each built from its own organisation.</summary>
internal static class ProvinceCommand
{
    public static Command Build()
    {
        var command = new Command("province", "Start and follow a province's quarter in a running self-host ('appraisal serve')");
        command.Subcommands.Add(Start());
        command.Subcommands.Add(Status());
        return command;
    }

    private static (Option<string> Province, Option<string> Period, Option<string> Url, Option<Domain.Text.Language> Language) Common() => (
        new Option<string>("--province") { Description = "The province id (names the instance: province-ID-PERIOD)", Required = true },
        new Option<string>("--period", "-p") { Description = "The quarter, e.g. 2026-Q1", Required = true },
        new Option<string>("--url") { Description = "The self-host (default APPRAISAL_URL or http://127.0.0.1:7071)", DefaultValueFactory = _ => ApiClient.UrlFromEnvironment() },
        CommonOptions.Language());

    private static Workflow.Identity.Caller Administrator() => LocalTokens.As(Environment.UserName, Workflow.Identity.Role.Administrator, null);

    private static Command Start()
    {
        var (province, period, url, language) = Common();
        var offices = new Option<string[]>("--offices") { Description = "The offices (default: every imported office)", AllowMultipleArgumentsPerToken = true };
        var batch = new Option<int?>("--batch-size") { Description = $"Offices per batch (1 to {ProvinceInput.MaxBatchSize}, default {ProvinceInput.DefaultBatchSize})" };
        var scheme = new Option<string?>("--scheme") { Description = "The scheme id (default Cycle__SchemeId)" };
        var selfEvaluation = StageDurationOption.Create("--self-evaluation", "Time to the self-evaluation deadline, the same for every office (a time span, or working days such as 8wd)");
        var objection = StageDurationOption.Create("--objection-period", "The publication's objection period (公示期), e.g. 5wd: 5 working days");
        var command = new Command("start", "Start a province's quarter; a second start starts nothing")
        {
            province, period, url, language, offices, batch, scheme, selfEvaluation, objection,
        };
        command.SetAction(async (parse, cancel) =>
        {
            using var client = new ApiClient(new Uri(parse.GetRequiredValue(url)), parse.GetValue(language), Administrator());
            var named = parse.GetValue(offices);
            var (ok, _, message) = await client.SendAsync(HttpMethod.Post, "provinces/cycles", new ProvinceStart(
                parse.GetRequiredValue(province), parse.GetRequiredValue(period), named is { Length: > 0 } ? named : null, parse.GetValue(batch), parse.GetValue(scheme),
                SelfEvaluationTime: parse.GetValue(selfEvaluation), ObjectionPeriod: parse.GetValue(objection)), cancel);
            await (ok ? parse.InvocationConfiguration.Output : parse.InvocationConfiguration.Error).WriteLineAsync(ok ? message : CliText.Error(parse.GetValue(language), message));
            return ok ? 0 : 1;
        });
        return command;
    }

    private static Command Status()
    {
        var (province, period, url, language) = Common();
        var wait = new Option<string?>("--wait-for") { Description = "Wait until the runtime status (Completed, Failed) is reached" };
        var timeout = new Option<TimeSpan>("--timeout") { Description = "How long --wait-for waits", DefaultValueFactory = _ => TimeSpan.FromMinutes(30) };
        var command = new Command("status", "The batches still running, then the offices completed and failed") { province, period, url, language, wait, timeout };
        command.SetAction((parse, cancel) => CycleCommand.WaitAsync(parse, new ApiClient(new Uri(parse.GetRequiredValue(url)), parse.GetValue(language), Administrator()), parse.GetValue(language),
            $"provinces/{parse.GetRequiredValue(province)}/{parse.GetRequiredValue(period)}", parse.GetValue(wait), parse.GetValue(timeout), cancel));
        return command;
    }
}
