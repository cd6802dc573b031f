using Appraisal.Domain.Cycles;
using Appraisal.Domain.Decisions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Tests.Cycle;
using Appraisal.Workflow.YearEnd;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Tests.YearEnd;

public sealed class YearEndAppraisalOrchestratorTests : IAsyncLifetime
{
    private readonly RecordingServices _services = new();
    private DurableTaskTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await DurableTestHost.StartAsync(
            registry => registry
                .AddOrchestrator<YearEndAppraisalOrchestrator>()
                .AddActivity<CombineYearActivity>()
                .AddActivity<RequestDecisionActivity>()
                .AddActivity<PublishNoticeActivity>()
                .AddActivity<FinaliseResultsActivity>(),
            new DurableTaskTestHostOptions { ConfigureServices = services => services.AddSingleton<ICycleServices>(_services) });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> StartAsync(ApprovalRule rule = ApprovalRule.All)
    {
        var input = new YearEndInput("office-" + Guid.NewGuid().ToString("N")[..6], "2026", "template-d", 1, rule, ["chief", "m2"], "chief", TimeSpan.FromSeconds(1));
        await _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(YearEndAppraisalOrchestrator), input, new StartOrchestrationOptions(input.InstanceId));
        return input.InstanceId;
    }

    private async Task<int> RoundAsync(string id) => (await _host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadCustomStatusAs<CycleStatus>()!.Round ?? 0;

    private async Task WaitForStageAsync(string id, CycleStage stage)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await _host.Client.GetInstanceAsync(id, getInputsAndOutputs: true)) is not { SerializedCustomStatus: not null } state || state.ReadCustomStatusAs<CycleStatus>()!.Stage != stage)
        {
            Assert.True(DateTime.UtcNow < deadline, $"did not reach {stage} within 30 s");
            await Task.Delay(50);
        }
    }

    private async Task<YearEndOutcome> OutcomeAsync(string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await _host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        return done.ReadOutputAs<YearEndOutcome>()!;
    }

    [Fact]
    public async Task TheYearIsCombined_Decided_Published_AndMadeFinal()
    {
        var id = await StartAsync();

        await WaitForStageAsync(id, CycleStage.Decision);
        await _host.Client.RaiseEventAsync(id, WorkflowEvents.ApprovalDecision, new Vote("chief", true, null, await RoundAsync(id)));
        await _host.Client.RaiseEventAsync(id, WorkflowEvents.ApprovalDecision, new Vote("m2", true, null, await RoundAsync(id)));
        var outcome = await OutcomeAsync(id);

        Assert.Equal(("annual-1", 1, 0), (outcome.ScoringId, outcome.DecisionRounds, outcome.Objections));
        Assert.Equal(["combine:2026:v1", "decide:1:annual-1", "publish:1:annual-1", "finalise:1:annual-1"], _services.Calls);
    }

    [Fact]
    public async Task UnderTheAllRule_OneRejection_CombinesAndDecidesAgain()
    {
        var id = await StartAsync(ApprovalRule.All);

        await WaitForStageAsync(id, CycleStage.Decision);
        await _host.Client.RaiseEventAsync(id, WorkflowEvents.ApprovalDecision, new Vote("m2", false, "第四季度数据未更正", await RoundAsync(id)));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!_services.Calls.Contains("decide:2:annual-2"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the second decision round was not requested within 30 s");
            await Task.Delay(50);
        }

        while (await RoundAsync(id) != 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the second decision round did not open within 30 s");
            await Task.Delay(50);
        }

        await _host.Client.RaiseEventAsync(id, WorkflowEvents.ApprovalDecision, new Vote("chief", true, null, 2));
        await _host.Client.RaiseEventAsync(id, WorkflowEvents.ApprovalDecision, new Vote("m2", true, null, 2));
        var outcome = await OutcomeAsync(id);

        Assert.Equal(2, outcome.DecisionRounds);
        Assert.Equal(["combine:2026:v1", "decide:1:annual-1", "combine:2026:v1", "decide:2:annual-2", "publish:2:annual-2", "finalise:2:annual-2"], _services.Calls);
    }
}
