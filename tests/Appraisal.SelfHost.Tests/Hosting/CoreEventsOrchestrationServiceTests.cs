using Appraisal.SelfHost.Hosting;
using DurableTask.Core;
using DurableTask.Core.History;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>A start delivered again after a crash between the provider's history checkpoint and the deletion of the
/// start message: dropped, and the stored history handed back as new events so that it is written again.</summary>
public sealed class CoreEventsOrchestrationServiceTests
{
    private static readonly OrchestrationInstance Instance = new() { InstanceId = "cycle-x:dept:D01:0", ExecutionId = "e1" };

    [Fact]
    public void DropRedeliveredStart_HistoryAlreadyStarted_DropsTheStartAndRewritesTheHistory()
    {
        var start = new ExecutionStartedEvent(-1, "{}") { Name = "DepartmentSelfEvaluationOrchestrator", OrchestrationInstance = Instance };
        var stored = new OrchestrationRuntimeState([new OrchestratorStartedEvent(-1), start, new TimerCreatedEvent(0), new OrchestratorCompletedEvent(-1)]);
        var raised = new TaskMessage { Event = new EventRaisedEvent(-1, "{}") { Name = "SubmissionReceived" }, OrchestrationInstance = Instance };
        var workItem = new TaskOrchestrationWorkItem
        {
            InstanceId = Instance.InstanceId,
            OrchestrationRuntimeState = stored,
            NewMessages = [new TaskMessage { Event = new ExecutionStartedEvent(-1, "{}") { OrchestrationInstance = Instance }, OrchestrationInstance = Instance }, raised],
        };

        CoreEventsOrchestrationService.DropRedeliveredStart(workItem);

        Assert.Equal([raised], workItem.NewMessages);
        Assert.Same(start, workItem.OrchestrationRuntimeState.ExecutionStartedEvent);
        Assert.Equal(stored.Events, workItem.OrchestrationRuntimeState.NewEvents);
        Assert.Empty(workItem.OrchestrationRuntimeState.PastEvents);
    }

    [Fact]
    public void DropRedeliveredStart_NoHistoryYet_LeavesTheStart()
    {
        var message = new TaskMessage { Event = new ExecutionStartedEvent(-1, "{}") { OrchestrationInstance = Instance }, OrchestrationInstance = Instance };
        var state = new OrchestrationRuntimeState();
        var workItem = new TaskOrchestrationWorkItem { InstanceId = Instance.InstanceId, OrchestrationRuntimeState = state, NewMessages = [message] };

        CoreEventsOrchestrationService.DropRedeliveredStart(workItem);

        Assert.Equal([message], workItem.NewMessages);
        Assert.Same(state, workItem.OrchestrationRuntimeState);
    }
}
