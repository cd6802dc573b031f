using Appraisal.Workflow.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Appraisal.Functions.Workflow;

/// <summary>Samples the office gauges every five minutes (<see cref="OfficeMetricsSampler"/>), as the self-host's
/// sampler does at its interval. A timer runs on one instance at a time; the gauges of another instance go quiet once
/// its last sample is stale.</summary>
public sealed class MetricsFunctions(OfficeMetricsSampler sampler)
{
    [Function(nameof(SampleMetrics))]
    public async Task SampleMetrics([TimerTrigger("0 */5 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancel) =>
        await sampler.SampleAsync(client, cancel).ConfigureAwait(false);
}
