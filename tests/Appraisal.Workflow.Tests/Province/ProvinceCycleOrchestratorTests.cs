using Appraisal.Domain.Decisions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Province;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace Appraisal.Workflow.Tests.Province;

/// <summary>The province fan-out, with each office's cycle stood in by a stub of the same name (the cycle itself is
/// tested on its own): batches, deterministic office instance ids, failures recorded without holding back the rest.</summary>
public sealed class ProvinceCycleOrchestratorTests : IAsyncLifetime
{
    private DurableTaskTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await DurableTaskTestHost.StartAsync(registry => registry
            .AddOrchestrator<ProvinceCycleOrchestrator>()
            .AddOrchestrator<ProvinceBatchOrchestrator>()
            .AddOrchestratorFunc<CycleInput, CycleOutcome>(nameof(AppraisalCycleOrchestrator), (context, input) =>
                input.OfficeId.EndsWith("bad", StringComparison.Ordinal)
                    ? throw new InvalidOperationException($"no scheme decided for {input.OfficeId}")
                    : Task.FromResult(new CycleOutcome(input.OfficeId, input.Period, 1, "scoring-" + input.OfficeId, [], 1, 0))));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task FiveOfficesInBatchesOfTwo_RunInThreeBatches_AndAFailingOfficeIsRecordedNotFatal()
    {
        var template = new CycleInput("template", "2026-Q1", "template-b", 1, ["D01"], DateTime.UtcNow.AddHours(1), TimeSpan.Zero,
            LateSubmissionPolicy.Refuse, TimeSpan.Zero, TimeSpan.FromDays(3), ApprovalRule.Majority, ["chief"], "chief", TimeSpan.FromDays(5));
        var input = new ProvinceInput("p" + Guid.NewGuid().ToString("N")[..6], "2026-Q1", template, ["o1", "o2", "o3-bad", "o4", "o5"], BatchSize: 2);

        await _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ProvinceCycleOrchestrator), input, new StartOrchestrationOptions(input.InstanceId));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await _host.Client.WaitForInstanceCompletionAsync(input.InstanceId, getInputsAndOutputs: true, timeout.Token);
        var outcome = done.ReadOutputAs<ProvinceOutcome>()!;

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, outcome.Batches);
        Assert.Equal(["o1", "o2", "o4", "o5"], outcome.Completed);
        Assert.Contains("no scheme decided for o3-bad", Assert.Single(outcome.Failed).Value, StringComparison.Ordinal);
        var office = await _host.Client.GetInstanceAsync("cycle-o4-2026-Q1", getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, office!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await _host.Client.GetInstanceAsync($"{input.InstanceId}:batch:3"))!.RuntimeStatus);
    }
}
