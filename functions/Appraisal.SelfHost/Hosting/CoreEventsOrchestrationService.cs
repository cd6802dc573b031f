using System.Collections;
using System.Reflection;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;

namespace Appraisal.SelfHost.Hosting;

/// <summary>Wraps the Azure Storage orchestration service so that it stores the history the gRPC sidecar produces.
/// The sidecar records a sub-orchestration's start as its own subclass of
/// <see cref="SubOrchestrationInstanceCreatedEvent"/>, which the provider's table converter writes as a row with no
/// properties — the parent's history then cannot be read back and the cycle stalls. Before a work item is completed,
/// such events are replaced by the plain Durable Task Core event with the same fields (tags as a plain dictionary).
/// An activity work item the provider could not abandon is forgotten (see <see cref="AbandonTaskActivityWorkItemAsync"/>).
/// Everything else passes straight through.</summary>
internal sealed class CoreEventsOrchestrationService(IOrchestrationService inner) : IOrchestrationService
{
    /// <summary>The Azure Storage provider's table of the activity work items it has handed out, by message id.</summary>
    private static readonly FieldInfo ActiveActivities = typeof(AzureStorageOrchestrationService).GetField("activeActivitySessions", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("expected the Azure Storage provider to keep its running activities in 'activeActivitySessions', found no such field: check the abandon fix in CoreEventsOrchestrationService against the new provider version");

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public Task CompleteTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages, IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        ArgumentNullException.ThrowIfNull(newOrchestrationRuntimeState);
        Normalize(newOrchestrationRuntimeState.Events);
        Normalize(newOrchestrationRuntimeState.NewEvents);
        return inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    /// <summary>Replaces subclassed sub-orchestration events in place, keeping their position in the history.</summary>
    internal static void Normalize(IList<HistoryEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                events[i] = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                {
                    Name = created.Name,
                    Version = created.Version,
                    InstanceId = created.InstanceId,
                    Input = created.Input,
                    ClientSpanId = created.ClientSpanId,
                    Tags = created.Tags is null ? null : new Dictionary<string, string>(created.Tags),
                    Timestamp = created.Timestamp,
                    IsPlayed = created.IsPlayed,
                };
            }
        }
    }

    public Task StartAsync() => inner.StartAsync();

    public Task StopAsync() => inner.StopAsync();

    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (workItem is not null)
        {
            DropRedeliveredStart(workItem);
        }

        return workItem!;
    }

    /// <summary>The provider checkpoints an episode as history rows, then the Instances row, then deletes the messages
    /// that caused it: a crash in between delivers the instance's ExecutionStarted again to a history that already
    /// starts with one. Durable Task Core's dispatcher drops such a duplicate start; the sidecar's adds it and fails
    /// ("Multiple ExecutionStartedEvent found") on every delivery, so the instance never runs again — and when the
    /// crash came before the Instances row, it never even appears. The duplicate is dropped here (the provider still
    /// deletes its message on completion), and the history is handed over as all new events, so that the episode
    /// writes it again — the same rows under the same keys — and with it the Instances row from its start event.</summary>
    internal static void DropRedeliveredStart(TaskOrchestrationWorkItem workItem)
    {
        var state = workItem.OrchestrationRuntimeState;
        if (state?.ExecutionStartedEvent is null || !workItem.NewMessages.Any(m => m.Event is ExecutionStartedEvent))
        {
            return;
        }

        workItem.NewMessages = workItem.NewMessages.Where(m => m.Event is not ExecutionStartedEvent).ToList();
        var rewritten = new OrchestrationRuntimeState();
        foreach (var e in state.Events)
        {
            rewritten.AddEvent(e);
        }

        rewritten.Status = state.Status;
        workItem.OrchestrationRuntimeState = rewritten;
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) => inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    /// <summary>Abandons an activity work item. The provider forgets a work item only once its queue message is deleted
    /// (completed) or made visible again (abandoned). When storage was away longer than the message's visibility —
    /// paused, down, or slow — the message has been handed out again under a new pop receipt: completing and abandoning
    /// both fail (PopReceiptMismatch), the provider keeps the work item as running for good and drops every later
    /// delivery of its message as a duplicate, so the activity never runs again and its orchestration waits forever.
    /// Here a work item that could not be abandoned is forgotten: its message comes back when its visibility lapses
    /// and the activity runs again (activities are written to run more than once).</summary>
    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        try
        {
            await inner.AbandonTaskActivityWorkItemAsync(workItem).ConfigureAwait(false);
        }
        catch (Exception)
        {
            Forget(workItem.Id);
            throw;
        }
    }

    /// <summary>Removes the work item from the provider's running activities.</summary>
    private void Forget(string id)
    {
        if (inner is AzureStorageOrchestrationService && ActiveActivities.GetValue(inner) is IDictionary running)
        {
            running.Remove(id);
        }
    }
}
