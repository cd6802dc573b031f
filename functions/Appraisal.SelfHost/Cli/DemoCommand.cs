using System.CommandLine;
using Appraisal.SelfHost.Demo;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal demo</c>: a whole quarter on this machine with real parts — Azurite, smtp4dev and the
/// self-host — the sample office's people simulated, the Party group's mails sent and their links followed through
/// the real pages (or, with <c>--interactive</c>, the whole quarter left to the person in the browser).</summary>
internal static class DemoCommand
{
    public static Command Build()
    {
        var sample = new Option<DirectoryInfo>("--sample") { Description = "The sample folder ('appraisal sample'); written there when missing", DefaultValueFactory = _ => new DirectoryInfo("run/sample") };
        var results = new Option<DirectoryInfo>("--results") { Description = "Where the cycle's final status is written", DefaultValueFactory = _ => new DirectoryInfo("run/results") };
        var period = new Option<string>("--period", "-p") { Description = "The quarter", DefaultValueFactory = _ => "2026-Q1" };
        var url = new Option<string>("--urls") { Description = "The self-host's address", DefaultValueFactory = _ => "http://127.0.0.1:7071" };
        var smtpPort = new Option<int>("--smtp-port") { Description = "smtp4dev's SMTP port", DefaultValueFactory = _ => 2525 };
        var mailPort = new Option<int>("--mail-web-port") { Description = "smtp4dev's web page port", DefaultValueFactory = _ => 5080 };
        var interactive = new Option<bool>("--interactive") { Description = "Leave the quarter to you in the browser: sign in as anyone of the office and follow the to-do list (self-evaluation 8 hours, objection period 1 hour unless given)" };
        var exit = new Option<bool>("--exit") { Description = "Stop everything once the results are final (default: keep serving until Ctrl+C)" };
        var selfEvaluation = new Option<TimeSpan>("--self-evaluation") { Description = "Time to the self-evaluation deadline", DefaultValueFactory = _ => TimeSpan.FromMinutes(2) };
        var objection = new Option<TimeSpan>("--objection-period") { Description = "The objection period (公示期)", DefaultValueFactory = _ => TimeSpan.FromSeconds(10) };
        var rating = new Option<TimeSpan>("--rating-time") { Description = "How long the raters have to answer (民主测评; with --interactive as long as self-evaluation unless given)", DefaultValueFactory = _ => TimeSpan.FromSeconds(45) };
        var language = CommonOptions.Language();
        var command = new Command("demo", "Run a quarterly cycle end to end on Azurite, smtp4dev and the self-host, approvals through the mailed links")
        {
            sample, results, period, url, smtpPort, mailPort, interactive, exit, selfEvaluation, objection, rating, language,
        };
        command.SetAction((parse, cancel) => new DemoRun(new DemoSettings(
            parse.GetRequiredValue(sample), parse.GetRequiredValue(results), parse.GetRequiredValue(period), new Uri(parse.GetRequiredValue(url)),
            parse.GetValue(smtpPort), parse.GetValue(mailPort), parse.GetValue(interactive), parse.GetValue(exit),
            // A person playing every role needs working hours, not the simulation's minutes.
            parse.GetResult(selfEvaluation) is not { Implicit: false } && parse.GetValue(interactive) ? TimeSpan.FromHours(8) : parse.GetValue(selfEvaluation),
            parse.GetResult(objection) is not { Implicit: false } && parse.GetValue(interactive) ? TimeSpan.FromHours(1) : parse.GetValue(objection),
            parse.GetValue(language),
            parse.GetResult(rating) is not { Implicit: false } && parse.GetValue(interactive) ? null : parse.GetValue(rating)), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error).RunAsync(cancel));
        return command;
    }
}
