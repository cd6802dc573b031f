using System.CommandLine;
using System.Text.Json;
using Appraisal.Domain.Text;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal cycle start|status|raise|simulate</c>: drives a running self-host from the command line.
/// <c>raise</c> does what a person does (submit, verify, decide, vote, object, review) through the same HTTP endpoints
/// people use, so each is stored before its event is raised.</summary>
internal static class CycleCommand
{
    public static Command Build()
    {
        var command = new Command("cycle", "Start, follow and act on appraisal cycles in a running self-host ('appraisal serve')");
        command.Subcommands.Add(Start());
        command.Subcommands.Add(Status());
        command.Subcommands.Add(CycleRaiseCommand.Build());
        command.Subcommands.Add(CycleSimulateCommand.Build());
        return command;
    }

    /// <summary>The options every cycle command has: the office, the period, the self-host's URL and the language.</summary>
    internal sealed record Common(Option<string> Office, Option<string> Period, Option<string> Url, Option<Language> Language)
    {
        public static Common Create() => new(
            new Option<string>("--office") { Description = "The office id", Required = true },
            new Option<string>("--period", "-p") { Description = "The period: 2026-Q1 (cycle), 2026-M03 (bulletin), 2026 (year-end)", Required = true },
            new Option<string>("--url") { Description = "The self-host (default APPRAISAL_URL or http://127.0.0.1:7071)", DefaultValueFactory = _ => ApiClient.UrlFromEnvironment() },
            CommonOptions.Language());

        public void AddTo(Command command)
        {
            command.Options.Add(Office);
            command.Options.Add(Period);
            command.Options.Add(Url);
            command.Options.Add(Language);
        }

        /// <summary>A client acting, by default, as the appraisal office of the office; see <see cref="ApiClient"/> for
        /// <paramref name="patience"/>.</summary>
        public ApiClient Client(ParseResult parse, TimeSpan? patience = null) => new(new Uri(parse.GetRequiredValue(Url)), parse.GetValue(Language),
            LocalTokens.As(Environment.UserName, Role.AppraisalOffice, parse.GetRequiredValue(Office)), patience: patience);
    }

    /// <summary>Sends one request and prints its answer (or its problem on standard error); 0 when accepted.</summary>
    internal static async Task<int> SendAsync(ParseResult parse, Common common, HttpMethod method, string path, object? body, CancellationToken cancel, string? idempotencyKey = null, Caller? caller = null)
    {
        using var client = common.Client(parse);
        var (ok, _, message) = await client.SendAsync(method, path, body, cancel, idempotencyKey, caller);
        await (ok ? parse.InvocationConfiguration.Output : parse.InvocationConfiguration.Error).WriteLineAsync(ok ? message : CliText.Error(parse.GetValue(common.Language), message));
        return ok ? 0 : 1;
    }

    private static Command Start()
    {
        var common = Common.Create();
        var scheme = new Option<string?>("--scheme") { Description = "The scheme id (default Cycle__SchemeId)" };
        var version = new Option<int?>("--scheme-version") { Description = "A decided version (default the latest decided; none: the Party group decides first)" };
        var selfEvaluation = StageDurationOption.Create("--self-evaluation", "Time to the self-evaluation deadline, e.g. 10.00:00:00, 00:00:30 or 8wd (working days)");
        var remind = new Option<TimeSpan?>("--remind-before") { Description = "Reminder this long before the deadline" };
        var grace = StageDurationOption.Create("--grace", "Late submissions taken this long after the deadline (a time span, 2d or 2wd)");
        var correction = StageDurationOption.Create("--correction", "Time to correct a returned submission (a time span, 3d or 3wd)");
        var objection = StageDurationOption.Create("--objection-period", "The publication's objection period (公示期), e.g. 5wd: 5 working days");
        var rating = StageDurationOption.Create("--rating-time", "How long the raters have to answer (民主测评; default Cycle__RatingTime, else as long as self-evaluation)");
        var command = new Command("start", "Start an office's cycle (quarter), bulletin (month) or year-end appraisal (year); a second start starts nothing")
        {
            scheme, version, selfEvaluation, remind, grace, correction, objection, rating,
        };
        common.AddTo(command);
        command.SetAction((parse, cancel) => SendAsync(parse, common, HttpMethod.Post, "cycles", new CycleStart(
            parse.GetRequiredValue(common.Office), parse.GetRequiredValue(common.Period), parse.GetValue(scheme), parse.GetValue(version),
            parse.GetValue(selfEvaluation), parse.GetValue(remind), parse.GetValue(grace), parse.GetValue(correction), parse.GetValue(objection), RatingTime: parse.GetValue(rating)), cancel));
        return command;
    }

    private static Command Status()
    {
        var common = Common.Create();
        var wait = new Option<string?>("--wait-for") { Description = "Wait until the stage (e.g. Verification, Decision, Publication) or the runtime status (Completed, Failed) is reached" };
        var timeout = new Option<TimeSpan>("--timeout") { Description = "How long --wait-for waits", DefaultValueFactory = _ => TimeSpan.FromMinutes(5) };
        var command = new Command("status", "The cycle's stage, what it awaits, and its outcome once done") { wait, timeout };
        common.AddTo(command);
        command.SetAction((parse, cancel) => WaitAsync(parse, common.Client(parse), parse.GetValue(common.Language),
            $"cycles/{parse.GetRequiredValue(common.Office)}/{parse.GetRequiredValue(common.Period)}", parse.GetValue(wait), parse.GetValue(timeout), cancel));
        return command;
    }

    /// <summary>Prints an instance's status — at once, or once it reaches the target stage or runtime status (1 when it
    /// ends or the timeout passes first).</summary>
    internal static async Task<int> WaitAsync(ParseResult parse, ApiClient client, Language language, string path, string? target, TimeSpan timeout, CancellationToken cancel)
    {
        using (client)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                var (ok, body, message) = await client.SendAsync(HttpMethod.Get, path, null, cancel);
                var reached = ok && (target is null || Reached(body, target));
                if (reached || (target is null) || DateTime.UtcNow > deadline || (ok && IsTerminal(body)))
                {
                    var text = ok ? JsonSerializer.Serialize(body, Indented) : CliText.Error(language, message);
                    await (reached ? parse.InvocationConfiguration.Output : parse.InvocationConfiguration.Error).WriteLineAsync(text);
                    return reached ? 0 : 1;
                }

                await Task.Delay(250, cancel);
            }
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static bool Reached(JsonElement status, string target) =>
        string.Equals(status.GetProperty("runtimeStatus").GetString(), target, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Custom(status, "stage")?.GetString(), target, StringComparison.OrdinalIgnoreCase);

    /// <summary>A property of the custom status (<c>stage</c>, <c>awaiting</c>, <c>untilUtc</c>), when there is one.</summary>
    internal static JsonElement? Custom(JsonElement status, string name) =>
        status.TryGetProperty("customStatus", out var custom) && custom.ValueKind == JsonValueKind.Object && custom.TryGetProperty(name, out var value) ? value : null;

    internal static bool IsTerminal(JsonElement status) => status.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated";
}
