using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Appraisal.Workflow.Telemetry;

/// <summary>The self-host's sampler: a pass of <see cref="OfficeMetricsSampler"/> after
/// <see cref="TelemetryOptions.FirstSampleDelay"/> and then every <see cref="TelemetryOptions.SampleInterval"/> (the
/// Functions app runs the same pass from its SampleMetrics timer). A failed pass is logged; the gauges keep the last
/// sample until it goes stale.</summary>
public sealed partial class MetricsSamplerService(OfficeMetricsSampler sampler, DurableTaskClient client, TelemetryOptions options, TimeProvider clock,
    ILogger<MetricsSamplerService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(options.FirstSampleDelay, clock, stoppingToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(options.SampleInterval, clock);
            do
            {
                try
                {
                    await sampler.SampleAsync(client, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(log, ex, options.SampleInterval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "office metrics sample failed; trying again in {Interval}")]
    private static partial void LogFailed(ILogger logger, Exception exception, TimeSpan interval);
}
