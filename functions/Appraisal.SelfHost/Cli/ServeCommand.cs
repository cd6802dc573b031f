using System.CommandLine;
using Appraisal.SelfHost.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appraisal.SelfHost.Cli;

/// <summary><c>appraisal serve</c>: runs the self-host until stopped (Ctrl+C or SIGTERM) — the durable worker over
/// Azure Storage (Azurite by default), the HTTP endpoints on loopback, the calendar's schedules.</summary>
internal static class ServeCommand
{
    public static Command Build()
    {
        var urls = new Option<string?>("--urls") { Description = "Where the HTTP endpoints listen (default http://127.0.0.1:7071; SelfHost__Urls)" };
        var hub = new Option<string?>("--task-hub") { Description = "The Durable Task hub (default AppraisalHub; SelfHost__TaskHub)" };
        var noSchedules = new Option<bool>("--no-schedules") { Description = "Do not fire the calendar's CRON schedules (Schedules__Enabled=false)" };
        var command = new Command("serve", "Run the self-host: durable workflow, HTTP endpoints and calendar, resuming where it stopped") { urls, hub, noSchedules };
        command.SetAction(async (parse, cancel) =>
        {
            var settings = new Dictionary<string, string?>();
            if (parse.GetValue(urls) is { } u)
            {
                settings["SelfHost:Urls"] = u;
            }

            if (parse.GetValue(hub) is { } h)
            {
                settings["SelfHost:TaskHub"] = h;
            }

            if (parse.GetValue(noSchedules))
            {
                settings["Schedules:Enabled"] = "false";
            }

            await using var host = await SelfHostApp.StartAsync([], c => c.AddInMemoryCollection(settings), cancel);
            var options = host.App.Services.GetRequiredService<IOptions<SelfHostOptions>>().Value;
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"自托管已启动 (self-host running): HTTP {options.Urls}/api, task hub {options.TaskHub}; Ctrl+C 停止");
            try
            {
                await Task.Delay(Timeout.Infinite, cancel);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: stop cleanly; whatever was in flight resumes on the next start.
            }

            return 0;
        });
        return command;
    }
}
