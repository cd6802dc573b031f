using System.Net;
using Appraisal.SelfHost.Tests.Hosting;
using Appraisal.Storage.Outbox;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Notifications;

namespace Appraisal.SelfHost.Tests.Telemetry;

/// <summary>The self-host process exporting to a collector on loopback over OTLP/HTTP: after a cycle's start through
/// the API, the traces hold the request's server span, the storage calls and the durable spans (the orchestration's
/// creation, its activities) and the sampler's own, the metrics hold the office
/// gauges with the cycle counted at its stage, the mail sent to a real SMTP server (smtp4dev) counts as sent and the
/// mail it refuses as refused, each with its span, and the logs arrive — all under the resource the settings name.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TelemetryExportTests(MailFixture mail) : IClassFixture<MailFixture>
{
    private const string Period = "2026-Q1";

    [Fact]
    public async Task SelfHost_WithAnOtlpEndpoint_ExportsTracesOfficeMetricsAndLogs()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var fixture = await CycleFixture.CreateAsync(Period);
        var outbox = new OutboxRepository(fixture.Account);
        var stream = OutboxCycleNotifications.Stream(CycleFixture.Office, Period);
        await outbox.EnqueueAsync(stream, new OutboxMessage("telemetry-sent", "person@example.org", "遥测", "正文", "zh", DateTimeOffset.UtcNow));
        await outbox.EnqueueAsync(stream, new OutboxMessage("telemetry-refused", "person@" + MailFixture.UndeliverableDomain, "遥测", "正文", "zh", DateTimeOffset.UtcNow));
        await using var host = new SelfHostProcess(fixture.Prefix, "Otel" + fixture.Prefix[2..], new Dictionary<string, string>(mail.HostSettings)
        {
            ["Telemetry__OtlpEndpoint"] = collector.Url.ToString(),
            ["Telemetry__OfficeId"] = CycleFixture.Office,
            ["Telemetry__FirstSampleDelay"] = "00:00:01",
            ["Telemetry__SampleInterval"] = "00:00:02",
            ["Telemetry__MetricExportInterval"] = "00:00:01",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "500",
        });
        await host.StartAsync();
        using var actors = fixture.Actors(host, Period);

        var start = new CycleStart(CycleFixture.Office, Period, SelfEvaluationTime: TimeSpan.FromMinutes(10), RemindBefore: TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.Accepted, (await actors.StartAsync(start)).StatusCode);
        await actors.WaitForAsync("SelfEvaluation");

        await Until(() => collector.GaugePoints("appraisal.cycles").Any(p => p.Attributes.GetValueOrDefault("stage") == "SelfEvaluation"), "the cycle counted at its stage");
        var spans = collector.Spans();
        Assert.Contains(spans, s => s.Kind == 2 && s.Name.StartsWith("POST ", StringComparison.Ordinal) && s.Name.Contains("cycles", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Scope.StartsWith("Azure.", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Scope == "Microsoft.DurableTask" && s.Name == "create_orchestration:AppraisalCycleOrchestrator");
        Assert.Contains(spans, s => s.Scope == "Microsoft.DurableTask" && s.Name == "activity:OpenRatingsActivity");
        Assert.Contains(spans, s => s.Scope == "Appraisal" && s.Name == "appraisal.metrics.sample");
        Assert.DoesNotContain(spans, s => s.Name.Contains("TaskHubSidecarService", StringComparison.Ordinal));

        var atStage = collector.GaugePoints("appraisal.cycles").Last(p => p.Attributes.GetValueOrDefault("stage") == "SelfEvaluation");
        Assert.Equal(1, atStage.Value);
        Assert.Equal(CycleFixture.Office, atStage.Attributes["appraisal.office_id"]);
        Assert.Equal(0, collector.GaugePoints("appraisal.cycles.overdue").Last().Value);
        Assert.Contains(collector.GaugePoints("appraisal.mail.queued"), p => p.Attributes["appraisal.office_id"] == CycleFixture.Office);

        await Until(() => collector.SumPoints("appraisal.mail.sent").Sum(p => p.Value) >= 1 && collector.SumPoints("appraisal.mail.refused").Sum(p => p.Value) >= 1, "the mail counted");
        Assert.Contains(collector.Spans(), s => s.Scope == "Appraisal" && s.Name == "appraisal.mail.send");
        Assert.Contains(collector.Spans(), s => s.Scope == "Appraisal" && s.Name == "appraisal.mail.dispatch");

        Assert.True(collector.Holds("traces", "appraisal-selfhost") && collector.Holds("metrics", CycleFixture.Office), "the resource names the service and the office");
        await Until(() => collector.Bodies("logs").Count > 0, "logs");
    }

    private static async Task Until(Func<bool> done, string what)
    {
        for (var until = DateTime.UtcNow.AddSeconds(60); !done(); await Task.Delay(200))
        {
            Assert.True(DateTime.UtcNow < until, $"expected {what} at the collector within 60 s");
        }
    }
}
