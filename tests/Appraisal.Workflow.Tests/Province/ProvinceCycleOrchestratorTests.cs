using System.Collections.Concurrent;
using System.Text.Json;
using Appraisal.Domain.Decisions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Province;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace Appraisal.Workflow.Tests.Province;

/// <summary>The province fan-out, with each office's preparation and cycle stood in by stubs of the same names (both
/// are tested on their own): batches, each office's input built from its own organisation, deterministic office
/// instance ids, failures recorded without holding back the rest, and the status listing what still runs.</summary>
public sealed class ProvinceCycleOrchestratorTests : IAsyncLifetime
{
    private static readonly DateTime Deadline = new(2026, 4, 10, 16, 0, 0, DateTimeKind.Utc);

    /// <summary>What each office's cycle was started with, by office.</summary>
    private readonly ConcurrentDictionary<string, CycleInput> _started = new(StringComparer.Ordinal);

    private DurableTaskTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await DurableTestHost.StartAsync(registry => registry
            .AddOrchestrator<ProvinceCycleOrchestrator>()
            .AddOrchestrator<ProvinceBatchOrchestrator>()
            .AddActivityFunc<CycleStart, CycleInput>(nameof(PrepareOfficeCycleActivity), (context, start) =>
                start.OfficeId.StartsWith("missing", StringComparison.Ordinal)
                    ? throw new RequestRefusedException(404, "officeId", $"expected an imported office, found none with id '{start.OfficeId}'", "未找到")
                    : Prepare(start))
            .AddOrchestratorFunc<CycleInput, CycleOutcome>(nameof(AppraisalCycleOrchestrator), (context, input) =>
            {
                _started[input.OfficeId] = input;
                return input.OfficeId.EndsWith("bad", StringComparison.Ordinal)
                    ? throw new InvalidOperationException($"no scheme decided for {input.OfficeId}")
                    : Task.FromResult(new CycleOutcome(input.OfficeId, input.Period, 1, "scoring-" + input.OfficeId, [], 1, 0));
            }));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>An office's own departments: o1 has one, o2 two, and so on — so a template shared by all would show.</summary>
    private static CycleInput Prepare(CycleStart start)
    {
        var n = int.Parse(start.OfficeId.AsSpan(1, 1), System.Globalization.CultureInfo.InvariantCulture);
        return new CycleInput(start.OfficeId, start.Period, start.SchemeId ?? "template-b", 1, [.. Enumerable.Range(1, n).Select(i => $"{start.OfficeId}-D{i:D2}")],
            start.SelfEvaluationDeadlineUtc!.Value, TimeSpan.Zero, LateSubmissionPolicy.Refuse, TimeSpan.Zero, TimeSpan.FromDays(3), ApprovalRule.Majority,
            [$"{start.OfficeId}-chief"], $"{start.OfficeId}-chief", start.ObjectionPeriod ?? TimeSpan.FromDays(5));
    }

    private async Task<(OrchestrationMetadata Done, ProvinceOutcome Outcome)> RunAsync(ProvinceInput input)
    {
        await _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ProvinceCycleOrchestrator), input, new StartOrchestrationOptions(input.InstanceId));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await _host.Client.WaitForInstanceCompletionAsync(input.InstanceId, getInputsAndOutputs: true, timeout.Token);
        return (done, done.ReadOutputAs<ProvinceOutcome>()!);
    }

    private static ProvinceInput Input(IReadOnlyList<string> offices, int batchSize) =>
        new("p" + Guid.NewGuid().ToString("N")[..6], "2026-Q1", new CycleStart("", "2026-Q1", "template-b", SelfEvaluationDeadlineUtc: Deadline, ObjectionPeriod: TimeSpan.FromDays(5)),
            offices, batchSize);

    [Fact]
    public async Task FiveOfficesInBatchesOfTwo_RunInThreeBatches_EachWithItsOwnDepartments_AndAFailingOfficeIsRecordedNotFatal()
    {
        var input = Input(["o1", "o2", "o3-bad", "o4", "o5"], batchSize: 2);

        var (done, outcome) = await RunAsync(input);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, outcome.Batches);
        Assert.Equal(["o1", "o2", "o4", "o5"], outcome.Completed);
        Assert.Contains("no scheme decided for o3-bad", Assert.Single(outcome.Failed).Value, StringComparison.Ordinal);
        foreach (var office in input.OfficeIds)
        {
            var n = office[1] - '0';
            Assert.Equal([.. Enumerable.Range(1, n).Select(i => $"{office}-D{i:D2}")], _started[office].Departments);
            Assert.Equal([$"{office}-chief"], _started[office].PartyGroup);
            Assert.Equal(Deadline, _started[office].SelfEvaluationDeadlineUtc);
        }

        var cycle = await _host.Client.GetInstanceAsync("cycle-o4-2026-Q1", getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, cycle!.RuntimeStatus);
        var batch = (await _host.Client.GetInstanceAsync($"{input.InstanceId}:batch:3", getInputsAndOutputs: true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, batch.RuntimeStatus);
        Assert.Empty(JsonDocument.Parse(batch.SerializedCustomStatus!).RootElement.GetProperty("awaiting").EnumerateArray());
        var status = JsonDocument.Parse(done.SerializedCustomStatus!).RootElement;
        Assert.Equal(ProvinceCycleOrchestrator.Stage.ToString(), status.GetProperty("stage").GetString());
        Assert.Empty(status.GetProperty("awaiting").EnumerateArray());
        Assert.Equal(["o1", "o2", "o4", "o5"], JsonDocument.Parse(done.SerializedOutput!).RootElement.GetProperty("completed").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task AnOfficeThatCannotBePrepared_IsRecordedWithTheReason_AndStartsNoCycle()
    {
        var input = Input(["o1", "missing9"], batchSize: 10);

        var (done, outcome) = await RunAsync(input);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(1, outcome.Batches);
        Assert.Equal(["o1"], outcome.Completed);
        Assert.Contains("found none with id 'missing9'", outcome.Failed["missing9"], StringComparison.Ordinal);
        Assert.False(_started.ContainsKey("missing9"));
        Assert.Null(await _host.Client.GetInstanceAsync("cycle-missing9-2026-Q1"));
    }
}
