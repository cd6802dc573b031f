using System.Diagnostics;
using System.Globalization;
using System.Net;
using Appraisal.Domain.Text;
using Appraisal.SelfHost.Cli;
using Appraisal.SelfHost.Hosting;
using Appraisal.SelfHost.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.SelfHost.Demo;

/// <summary>The demo's steps, each with the same tools a person has: Azurite (scripts/azurite.sh) and smtp4dev (the
/// repository's local tool) started when not already listening; the sample office written, imported and given scheme
/// B as decided; the self-host started in this process with its mail going to smtp4dev; the cycle started and its
/// department heads and appraisal office played through the HTTP endpoints; the Party group's mails read back from
/// smtp4dev and their links followed through the real pages (GET the page, POST its form) — or left to the person —
/// until the results are final; then the audit chain verified and where to look printed.</summary>
public sealed class DemoRun(DemoSettings settings, TextWriter output, TextWriter error)
{
    public const string Office = "sample-basic";

    private string T(string zh, string en) => settings.Language == Language.En ? en : zh;

    public async Task<int> RunAsync(CancellationToken cancel)
    {
        var root = RepositoryRoot();
        var startedAzurite = false;
        if (!(await Smtp4dev.ListeningAsync(10000) && await Smtp4dev.ListeningAsync(10002)))
        {
            if (await ShellAsync(root, "bash", ["scripts/azurite.sh", "start"], cancel) != 0)
            {
                await error.WriteLineAsync(CliText.Error(settings.Language, T("Azurite 未能启动", "Azurite did not start")));
                return 1;
            }

            startedAzurite = true;
        }

        try
        {
            await using var mail = await Smtp4dev.StartAsync(root, settings.SmtpPort, settings.MailWebPort, cancel);
            var earlier = (await mail.MessagesAsync(cancel)).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
            await output.WriteLineAsync(T($"邮件 (smtp4dev)：SMTP 127.0.0.1:{mail.SmtpPort}，网页 {mail.WebUrl}", $"mail (smtp4dev): SMTP 127.0.0.1:{mail.SmtpPort}, web page {mail.WebUrl}"));

            // Each run gets its own tables and task hub: an earlier run's final, immutable results stay as they were.
            var run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            var prefix = Environment.GetEnvironmentVariable("Storage__Prefix") is { Length: > 0 } p ? p : "demo" + run;
            Environment.SetEnvironmentVariable("Storage__Prefix", prefix);
            var hub = "Demo" + run;

            var sample = settings.Sample.FullName;
            var lang = settings.Language == Language.En ? "en" : "zh";
            if (!File.Exists(Path.Combine(sample, "organisation.json"))
                && await CliAsync(cancel, "sample", "--out", sample, "--period", settings.Period) != 0)
            {
                return 1;
            }

            if (await CliAsync(cancel, "import", "--organisation", Path.Combine(sample, "organisation.json"), "--cases", Path.Combine(sample, "cases.csv"), "--actor", "demo", "--lang", lang) != 0
                || await CliAsync(cancel, "scheme", "store", Path.Combine(sample, "schemes", "template-b.json"), "--decided-by", "party-group", "--lang", lang) != 0)
            {
                return 1;
            }

            var url = settings.Url.ToString().TrimEnd('/');
            await using var host = await SelfHostApp.StartAsync([], c => c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SelfHost:Urls"] = url,
                ["SelfHost:TaskHub"] = hub,
                ["Schedules:Enabled"] = "false",
                ["Smtp:Host"] = "127.0.0.1",
                ["Smtp:Port"] = mail.SmtpPort.ToString(CultureInfo.InvariantCulture),
                ["Smtp:Security"] = "None",
                ["Smtp:AllowInsecure"] = "true", // smtp4dev on loopback: the mail never leaves this machine
                ["Smtp:PollInterval"] = "00:00:01",
                ["Approvals:PublicBaseUrl"] = url + "/",
                ["Notifications:Language"] = settings.Language.ToString(),
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            }), cancel, new DemoSignIn(Office));
            await output.WriteLineAsync(T($"自托管 (self-host)：{url}（任务中心 {hub}，存储前缀 {prefix}）", $"self-host: {url} (task hub {hub}, storage prefix {prefix})"));

            var common = new[] { "--office", Office, "--period", settings.Period, "--url", url, "--lang", lang };
            if (await CliAsync(cancel, [.. new[] { "cycle", "start" }, .. common, "--scheme", "template-b", "--self-evaluation", Span(settings.SelfEvaluation),
                    "--remind-before", "00:00:00", "--objection-period", Span(settings.ObjectionPeriod), .. settings.RatingTime is { } rating ? new[] { "--rating-time", Span(rating) } : []]) != 0)
            {
                return 1;
            }

            if (settings.Interactive)
            {
                // Everyone acts in the browser: sign in as anyone of the office and follow the to-do list.
                await output.WriteLineAsync(T(
                    $"请在浏览器中打开 {url}/signin，从名单中选择一人即以其角色登录，按“我的待办”办理：部门负责人提交自查自评，考核办核查，院党组成员在 {mail.WebUrl} 的审议邮件中作出决定；公示 {Span(settings.ObjectionPeriod)} 后结果成为最终结果。各角色的待办页：",
                    $"Open {url}/signin in a browser, choose someone to sign in with their roles and follow 'My to-do list': department heads submit, the appraisal office verifies, Party-group members decide from the mails at {mail.WebUrl}; after {Span(settings.ObjectionPeriod)} of publication the results are final. Each role's to-do page:"));
                foreach (var (role, people) in DemoSignIn.Roles(Domain.Inputs.OrganisationDocument.Read(await File.ReadAllTextAsync(Path.Combine(sample, "organisation.json"), cancel), "organisation.json", new Domain.Inputs.InputErrors())!, host.App.Services.GetRequiredService<Workflow.Cycle.CycleOptions>()))
                {
                    if (people.Count > 0)
                    {
                        await output.WriteLineAsync($"  {role}: {people[0].Label} — {url}/signin?returnUrl=/api/pages/todo");
                    }
                }
            }
            else
            {
                if (await CliAsync(cancel, [.. new[] { "cycle", "simulate" }, .. common, "--ratings", Path.Combine(sample, "ratings", "template-b.csv"),
                        "--ledger", Path.Combine(sample, "ledger", "template-b.csv"), "--no-party-group"]) != 0)
                {
                    return 1;
                }

                foreach (var (to, link) in await DecisionMailsAsync(mail, earlier, cancel))
                {
                    var (status, page) = await ApprovalBrowser.DecideAsync(link, approve: true, reason: null, cancel);
                    if (status != HttpStatusCode.OK && status != HttpStatusCode.Conflict)
                    {
                        await error.WriteLineAsync(CliText.Error(settings.Language, $"{to}: {(int)status} {page[..Math.Min(200, page.Length)]}"));
                        return 1;
                    }

                    await output.WriteLineAsync(status == HttpStatusCode.OK
                        ? T($"院党组成员 {to}：打开邮件链接，在确认页面提交“同意”", $"Party-group member {to}: opened the mailed link and submitted 'approve' from its page")
                        : T($"院党组成员 {to}：打开邮件链接，页面显示结果已由多数决定，无需再决定（409）", $"Party-group member {to}: opened the mailed link; the page says a majority has already decided (409)"));
                }
            }

            Directory.CreateDirectory(settings.Results.FullName);
            var statusFile = Path.Combine(settings.Results.FullName, "cycle-status.json");
            var wait = settings.Interactive ? TimeSpan.FromDays(3) : TimeSpan.FromMinutes(5);
            using (var file = File.CreateText(statusFile))
            {
                var code = await AppraisalCli.Build().Parse([.. new[] { "cycle", "status" }, .. common, "--wait-for", "Completed", "--timeout", Span(wait)])
                    .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = file, Error = error }, cancel);
                if (code != 0)
                {
                    return 1;
                }
            }

            if (await CliAsync(cancel, "audit", "verify", "--office", Office, "--period", settings.Period, "--lang", lang) != 0)
            {
                return 1;
            }

            // The quarter's monthly bulletins (月度通报), each against the month before, mailed to the department heads.
            var quarter = Domain.Periods.Period.Parse(settings.Period);
            var months = quarter.Kind == Domain.Periods.PeriodKind.Quarter
                ? Enumerable.Range(((quarter.Number - 1) * 3) + 1, 3).Select(m => Domain.Periods.Period.Month(quarter.Year, m).ToString()).ToList()
                : [];
            foreach (var month in months)
            {
                using var quiet = new StringWriter();
                var started = await CliAsync(cancel, "cycle", "start", "--office", Office, "--period", month, "--url", url, "--lang", lang) == 0
                    && await AppraisalCli.Build().Parse(["cycle", "status", "--office", Office, "--period", month, "--url", url, "--lang", lang, "--wait-for", "Completed", "--timeout", "00:02:00"])
                        .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = quiet, Error = error }, cancel) == 0;
                if (!started)
                {
                    return 1;
                }
            }

            var results = await ResultMailsAsync(mail, earlier, cancel);
            await output.WriteLineAsync();
            await output.WriteLineAsync(T("考核结果已为最终结果。查看：", "The results are final. Where to look:"));
            await output.WriteLineAsync(T($"  邮件（审议邮件、{results} 封结果通知）：{mail.WebUrl}", $"  mail (decision requests, {results} result notices): {mail.WebUrl}"));
            await output.WriteLineAsync(T($"  周期状态：{url}/api/cycles/{Office}/{settings.Period}（已写入 {statusFile}）", $"  cycle status: {url}/api/cycles/{Office}/{settings.Period} (written to {statusFile})"));
            await output.WriteLineAsync(T($"  公示与结果：{url}/api/cycles/{Office}/{settings.Period}/notice 与 …/results（Bearer 令牌：appraisal token issue --user appraisal-office --role AppraisalOffice --office {Office}）",
                $"  notice and results: {url}/api/cycles/{Office}/{settings.Period}/notice and …/results (bearer token: appraisal token issue --user appraisal-office --role AppraisalOffice --office {Office})"));
            await output.WriteLineAsync(T($"  页面（先在 {url}/signin 用上述令牌登录）：公示 {url}/api/pages/cycles/{Office}/{settings.Period}/notice，工作台 {url}/api/pages/offices/{Office}/dashboard，档案 {url}/api/pages/offices/{Office}/people/<人员编号>/dossier",
                $"  pages (sign in first at {url}/signin with that token): notice {url}/api/pages/cycles/{Office}/{settings.Period}/notice, dashboard {url}/api/pages/offices/{Office}/dashboard, dossier {url}/api/pages/offices/{Office}/people/<person id>/dossier"));
            if (months.Count > 0)
            {
                await output.WriteLineAsync(T($"  月度通报：{url}/api/pages/offices/{Office}/bulletins/{months[^1]}（工作簿与图表：{url}/api/offices/{Office}/bulletins/{months[^1]}/files/bulletin.xlsx、departments.svg）",
                    $"  monthly bulletin: {url}/api/pages/offices/{Office}/bulletins/{months[^1]} (workbook and charts: {url}/api/offices/{Office}/bulletins/{months[^1]}/files/bulletin.xlsx, departments.svg)"));
            }

            await output.WriteLineAsync(T($"  导出：{url}/api/cycles/{Office}/{settings.Period}/exports/results.xlsx；年度归档：POST {url}/api/offices/{Office}/archives/{quarter.Year}",
                $"  exports: {url}/api/cycles/{Office}/{settings.Period}/exports/results.xlsx; annual archive: POST {url}/api/offices/{Office}/archives/{quarter.Year}"));
            await output.WriteLineAsync(T($"  存储：Azurite 容器 {prefix}-reports/notices/，表 {prefix}Scorecards；API 文档：{url}/api/openapi/v1.json",
                $"  storage: Azurite container {prefix}-reports/notices/, table {prefix}Scorecards; API document: {url}/api/openapi/v1.json"));
            await output.WriteLineAsync(T($"  继续操作：export Storage__Prefix={prefix} APPRAISAL_URL={url}", $"  to act on it: export Storage__Prefix={prefix} APPRAISAL_URL={url}"));
            if (settings.Exit)
            {
                return 0;
            }

            await output.WriteLineAsync(T("自托管与 smtp4dev 继续运行；按 Ctrl+C 停止。", "The self-host and smtp4dev keep running; press Ctrl+C to stop."));
            try
            {
                await Task.Delay(Timeout.Infinite, cancel);
            }
            catch (OperationCanceledException)
            {
            }

            return 0;
        }
        finally
        {
            if (startedAzurite)
            {
                await ShellAsync(root, "bash", ["scripts/azurite.sh", "stop"], CancellationToken.None);
            }
        }
    }

    /// <summary>Waits for the decision mails of round 1 and returns each member's address and link.</summary>
    private async Task<IReadOnlyList<(string To, Uri Link)>> DecisionMailsAsync(Smtp4dev mail, HashSet<string> earlier, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var found = new List<(string, Uri)>();
            foreach (var m in (await mail.MessagesAsync(cancel)).Where(m => !earlier.Contains(m.Id)))
            {
                var links = ApprovalBrowser.Links(await mail.PlainTextAsync(m.Id, cancel));
                if (links.Count > 0)
                {
                    found.Add((m.To, links[0]));
                }
            }

            if (found.Count >= 4 || DateTime.UtcNow > deadline)
            {
                return found;
            }

            await Task.Delay(500, cancel);
        }
    }

    /// <summary>How many result notices arrived (waiting a little for the sender's next passes).</summary>
    private static async Task<int> ResultMailsAsync(Smtp4dev mail, HashSet<string> earlier, CancellationToken cancel)
    {
        var last = -1;
        for (var i = 0; i < 20; i++)
        {
            var count = (await mail.MessagesAsync(cancel)).Count(m => !earlier.Contains(m.Id) && (m.Subject.Contains("考核结果：", StringComparison.Ordinal) || m.Subject.Contains("result:", StringComparison.Ordinal)));
            if (count == last && count > 0)
            {
                return count;
            }

            last = count;
            await Task.Delay(1000, cancel);
        }

        return last;
    }

    private Task<int> CliAsync(CancellationToken cancel, params string[] args) =>
        AppraisalCli.Build().Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error }, cancel);

    private static string Span(TimeSpan t) => t.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>The repository the demo runs in (it needs the tool manifest, the npm lock file and the scripts).</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Appraisal.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("appraisal demo runs inside the repository (it needs scripts/, package.json and .config/dotnet-tools.json)");
    }

    private static async Task<int> ShellAsync(string root, string file, string[] args, CancellationToken cancel)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = root, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync(cancel);
        return process.ExitCode;
    }
}
