using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Appraisal.Storage.Organisation;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal cycle simulate</c>: plays every person of a started cycle through the HTTP endpoints — each
/// rater answers their questionnaire (民主测评) with scores drawn from the ratings file, each department head submits
/// the department's rows of the ledger file, the appraisal office accepts every submission, each Party-group member
/// approves — and follows the cycle until its results are final.</summary>
internal static class CycleSimulateCommand
{
    public static Command Build()
    {
        var common = CycleCommand.Common.Create();
        var ratings = new Option<FileInfo?>("--ratings") { Description = "Ratings (CSV) the raters draw their answers from: each rater gives a colleague one of the scores the file holds for them" };
        var ledger = new Option<FileInfo?>("--ledger") { Description = "The office's ledger claims (CSV); each department submits its own rows" };
        var timeout = new Option<TimeSpan>("--timeout") { Description = "How long to wait for each stage", DefaultValueFactory = _ => TimeSpan.FromMinutes(5) };
        var poll = new Option<TimeSpan>("--poll") { Description = "How often to look at the cycle's status while waiting", DefaultValueFactory = _ => TimeSpan.FromMilliseconds(200) };
        var partyGroup = new Option<bool>("--no-party-group") { Description = "Stop once the cycle awaits the Party group (its members decide from their mailed links)" };
        var command = new Command("simulate", "Act as every rater, department head, the appraisal office and the Party group until the cycle is final") { ratings, ledger, timeout, poll, partyGroup };
        common.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var lang = parse.GetValue(common.Language);
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var office = parse.GetRequiredValue(common.Office);
            var period = parse.GetRequiredValue(common.Period);
            var wait = parse.GetValue(timeout);
            var every = parse.GetValue(poll);
            var path = $"cycles/{office}/{period}";
            // Simulated people meet a busy host as people do: they try again when it says when, until the stage's timeout.
            using var client = common.Client(parse, patience: wait);
            var clock = Stopwatch.StartNew();

            var org = await new OrganisationRepository(await StorageSettings.OpenAsync(StorageSettings.FromEnvironment(), cancel)).LoadAsync(office, cancel);
            if (org is null)
            {
                await error.WriteLineAsync(CliText.Error(lang, CliText.Pick(lang, $"--office：未找到已导入的院 '{office}'", $"--office: expected an imported office, found none with id '{office}'")));
                return 2;
            }

            var departmentOf = org.People.ToDictionary(p => p.Id, p => p.DepartmentId, StringComparer.Ordinal);
            foreach (var d in org.Departments)
            {
                departmentOf.TryAdd(d.Id, d.Id);
            }

            var pool = await RaterSimulation.PoolAsync(parse.GetValue(ratings), cancel);
            var ledgerRows = await SplitAsync(parse.GetValue(ledger), departmentOf, cancel);

            // 1. Every department head submits, once the cycle waits for self-evaluations.
            var status = await WaitAsync(client, path, "SelfEvaluation", wait, every, cancel);
            if (status is null)
            {
                await error.WriteLineAsync(CliText.Error(lang, CliText.Pick(lang, "周期未进入自查自评阶段", "the cycle did not reach self-evaluation")));
                return 1;
            }

            // 0. The raters answer while the rating window is open (beside self-evaluation, or after it).
            var raters = new RaterSimulation(client, path, org, pool).RunAsync(wait, every, cancel);

            foreach (var department in org.Departments)
            {
                var head = org.People.FirstOrDefault(p => p.DepartmentId == department.Id && p.Post == Domain.Organisation.LeadershipPost.DepartmentHead)?.Id ?? department.Id;
                var request = new SubmissionRequest(null, ledgerRows.Csv(department.Id));
                var (ok, _, message) = await client.SendAsync(HttpMethod.Post, $"{path}/departments/{department.Id}/submission", request, cancel, $"simulate-{office}-{period}-{department.Id}", LocalTokens.As(head, Role.DepartmentHead, office, department.Id));
                for (var retry = DateTime.UtcNow + wait; !ok && message.StartsWith("503", StringComparison.Ordinal) && DateTime.UtcNow < retry;)
                {
                    // The window is still opening: a department head would try again shortly.
                    await Task.Delay(every, cancel);
                    (ok, _, message) = await client.SendAsync(HttpMethod.Post, $"{path}/departments/{department.Id}/submission", request, cancel, $"simulate-{office}-{period}-{department.Id}", LocalTokens.As(head, Role.DepartmentHead, office, department.Id));
                }

                if (!ok)
                {
                    await error.WriteLineAsync(CliText.Error(lang, $"{department.Id}: {message}"));
                    return 1;
                }
            }

            await output.WriteLineAsync(CliText.Pick(lang, $"自查自评：{org.Departments.Count} 个部门已提交", $"self-evaluation: {org.Departments.Count} departments submitted"));

            // 2. The appraisal office accepts every submission it is waiting for.
            status = await WaitAsync(client, path, "Verification", wait, every, cancel);
            if (status is null)
            {
                await error.WriteLineAsync(CliText.Error(lang, CliText.Pick(lang, "周期未进入核查阶段", "the cycle did not reach verification")));
                return 1;
            }

            foreach (var department in Awaiting(status))
            {
                var (ok, _, message) = await client.SendAsync(HttpMethod.Post, $"{path}/departments/{department}/verification",
                    new VerificationRequest(VerificationAction.Accept, null), cancel, caller: LocalTokens.As("appraisal-office", Role.AppraisalOffice, office));
                if (!ok)
                {
                    await error.WriteLineAsync(CliText.Error(lang, $"{department}: {message}"));
                    return 1;
                }
            }

            await output.WriteLineAsync(CliText.Pick(lang, "核查：全部提交已通过", "verification: every submission accepted"));

            var (rated, answers, closes, refused) = await raters;
            if (refused is not null)
            {
                await error.WriteLineAsync(CliText.Error(lang, CliText.Pick(lang, $"民主测评：{refused}", $"ratings: {refused}")));
                return 1;
            }

            await output.WriteLineAsync(CliText.Pick(lang, $"民主测评：{rated} 名评价人在线作答，共 {answers} 项评分", $"ratings: {rated} raters answered online, {answers} scores"));

            // 3. Each Party-group member approves, once asked: not before the rating window's close, which the decision
            // follows (scoring waits for the sealed ballots) and which everyone was told when it opened.
            if (closes - DateTime.UtcNow is { Ticks: > 0 } untilClose && untilClose < wait)
            {
                await Task.Delay(untilClose, cancel);
            }

            status = await WaitAsync(client, path, "Decision", wait, every, cancel);
            if (status is null)
            {
                await error.WriteLineAsync(CliText.Error(lang, CliText.Pick(lang, "周期未进入院党组决定阶段", "the cycle did not reach decision")));
                return 1;
            }

            var members = Awaiting(status);
            var round = status is { } decided && CycleCommand.Custom(decided, "round") is { ValueKind: JsonValueKind.Number } r ? r.GetInt32() : (int?)null;
            if (parse.GetValue(partyGroup))
            {
                await output.WriteLineAsync(CliText.Pick(lang, $"院党组：等待 {members.Count} 名成员通过邮件链接决定", $"Party group: awaiting {members.Count} members' decisions from their mailed links"));
                return 0;
            }

            foreach (var member in members)
            {
                var (ok, _, message) = await client.SendAsync(HttpMethod.Post, $"{path}/votes", new VoteRequest(true, null, round), cancel, caller: LocalTokens.As(member, Role.PartyGroup, office));
                if (!ok && !message.StartsWith("409", StringComparison.Ordinal))
                {
                    await error.WriteLineAsync(CliText.Error(lang, $"{member}: {message}"));
                    return 1;
                }
            }

            await output.WriteLineAsync(CliText.Pick(lang, $"院党组：{members.Count} 名成员同意", $"Party group: {members.Count} members approved"));

            // 4. Publication: the objection period runs out; the results become final.
            status = await WaitAsync(client, path, "Completed", wait, every, cancel);
            if (status is null)
            {
                await error.WriteLineAsync(CliText.Error(lang, CliText.Pick(lang, "周期未在限定时间内完成", "the cycle did not complete in time")));
                return 1;
            }

            await output.WriteLineAsync(CliText.Pick(lang, $"公示期满，结果已为最终结果（用时 {clock.Elapsed.TotalSeconds:0.0} 秒）", $"objection period over, results final ({clock.Elapsed.TotalSeconds:0.0} s)"));
            await output.WriteLineAsync(status.Value.GetProperty("output").ToString());
            return 0;
        });
        return command;
    }

    /// <summary>Looks at the cycle's status until it reaches <paramref name="target"/> (its status) or ends elsewhere
    /// (none), for at most <paramref name="timeout"/>: every <paramref name="poll"/> at first and, as a person who has
    /// waited long looks less often, every tenth of the time waited so far, up to ten polls apart — so a province's
    /// long waits do not load the host with looks, and a stage is seen at most a tenth of the wait late.</summary>
    private static async Task<JsonElement?> WaitAsync(ApiClient client, string path, string target, TimeSpan timeout, TimeSpan poll, CancellationToken cancel)
    {
        var started = DateTime.UtcNow;
        var deadline = started + timeout;
        while (true)
        {
            var (ok, body, _) = await client.SendAsync(HttpMethod.Get, path, null, cancel);
            if (ok && CycleCommand.Reached(body, target))
            {
                return body;
            }

            if (ok && CycleCommand.IsTerminal(body))
            {
                return null;
            }

            // The last look is at the deadline.
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            var wait = TimeSpan.FromTicks(Math.Clamp((DateTime.UtcNow - started).Ticks / 10, poll.Ticks, poll.Ticks * 10));
            await Task.Delay(wait < left ? wait : left, cancel);
        }
    }

    private static List<string> Awaiting(JsonElement? status) =>
        status is { } s && CycleCommand.Custom(s, "awaiting") is { ValueKind: JsonValueKind.Array } awaiting
            ? awaiting.EnumerateArray().Select(a => a.GetString()!).ToList()
            : [];

    /// <summary>A CSV file's rows grouped by the department of their first column (the subject).</summary>
    private static async Task<DepartmentRows> SplitAsync(FileInfo? file, Dictionary<string, string> departmentOf, CancellationToken cancel)
    {
        if (file is null)
        {
            return new DepartmentRows("", []);
        }

        var lines = await File.ReadAllLinesAsync(file.FullName, cancel);
        var rows = lines.Skip(1).Where(l => l.Length > 0)
            .GroupBy(l => departmentOf.GetValueOrDefault(l.Split(',', 2)[0].Trim('"'), ""), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return new DepartmentRows(lines.FirstOrDefault() ?? "", rows);
    }

    private sealed record DepartmentRows(string Header, Dictionary<string, List<string>> Rows)
    {
        public string? Csv(string departmentId) => Rows.TryGetValue(departmentId, out var rows) ? Header + "\n" + string.Join("\n", rows) + "\n" : null;
    }
}
