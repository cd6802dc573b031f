using System.Text.Json;
using Appraisal.Workflow.Hosting;
using Appraisal.Workflow.Schedules;
using Cronos;
using Microsoft.Extensions.Configuration;

namespace Appraisal.Functions.Tests.Metadata;

/// <summary>The calendar's timer triggers: one per checkpoint, on a schedule the host reads from app settings.</summary>
[Collection(PublishedAppCollection.Name)]
public sealed class CalendarMetadataTests(PublishedApp app)
{
    public static TheoryData<CheckpointKind> Kinds => new(WorkflowCatalog.Schedules);

    public static string FunctionName(CheckpointKind kind) => $"{kind}Checkpoint";

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryCheckpoint_HasATimerTrigger_OnItsScheduleSetting(CheckpointKind kind)
    {
        var trigger = app.Function(FunctionName(kind)).Trigger;

        Assert.Equal("timerTrigger", trigger.Type);
        Assert.Equal($"%{ScheduleOptions.Section}:{kind}%", trigger.Schedule);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryCheckpoint_IsRetriedByTheHost_WithExponentialBackoff(CheckpointKind kind)
    {
        // A fire that throws (an office not started) is run again by the host, not left to the next occurrence.
        var retry = app.Function(FunctionName(kind)).Retry;

        Assert.NotNull(retry);
        Assert.Equal("exponentialBackoff", retry.Value.GetProperty("strategy").GetString());
        Assert.Equal(Appraisal.Functions.Workflow.CalendarFunctions.RetryCount, retry.Value.GetProperty("maxRetryCount").GetInt32());
        Assert.Equal(TimeSpan.FromMinutes(1), TimeSpan.Parse(retry.Value.GetProperty("minimumInterval").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromHours(1), TimeSpan.Parse(retry.Value.GetProperty("maximumInterval").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TheExampleSettings_ResolveEverySchedule_AsTheHostDoes_ToTheDefaultCron(CheckpointKind kind)
    {
        // The host looks %name% up as a configuration key, and its configuration reads app settings from environment
        // variables (local.settings.json's Values become environment variables too), with "__" read as ":".
        var prefix = $"APPRAISAL_TEST_{Guid.NewGuid():N}_";
        var settings = ExampleSettings();
        try
        {
            foreach (var (name, value) in settings)
            {
                Environment.SetEnvironmentVariable(prefix + name, value);
            }

            var host = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
            var schedule = app.Function(FunctionName(kind)).Trigger.Schedule!;
            var resolved = host[schedule.Trim('%')];

            Assert.NotNull(resolved);
            Assert.Equal(new ScheduleOptions().Cron(kind), resolved);
            Assert.NotNull(CronExpression.Parse(resolved, CronFormat.IncludeSeconds).GetNextOccurrence(DateTime.UtcNow));
            Assert.Null(host[$"{ScheduleOptions.Section}__{kind}"]);
        }
        finally
        {
            foreach (var name in settings.Keys)
            {
                Environment.SetEnvironmentVariable(prefix + name, null);
            }
        }
    }

    private static Dictionary<string, string> ExampleSettings()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("functions/Appraisal.Functions/local.settings.example.json")));
        return document.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }
}
