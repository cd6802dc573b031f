using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;

namespace Appraisal.SelfHost.Hosting;

/// <summary>Wraps the Azure Storage orchestration service so that it stores the history the gRPC sidecar produces.
/// The sidecar records a sub-orchestration's start as its own subclass of
/// <see cref="SubOrchestrationInstanceCreatedEvent"/>, which the provider's table converter writes as a row with no
/// properties — the parent's history then cannot be read back and the cycle stalls. Before a work item is completed,
/// such events are replaced by the plain Durable Task Core event with the same fields (tags as a plain dictionary).
/// An activity work item the provider could not abandon is forgotten (see <see cref="AbandonTaskActivityWorkItemAsync"/>).
/// Work items' locks are renewed while they run (see <see cref="LockRenewal"/>): the sidecar never renews an activity's,
/// and an orchestration's only at a continue-as-new. <paramref name="visibility"/> is the provider's work-item and
/// control-queue visibility timeout. Everything else passes straight through.</summary>
internal sealed partial class CoreEventsOrchestrationService(IOrchestrationService inner, TimeSpan visibility, ILogger logger) : IOrchestrationService
{
    /// <summary>The Azure Storage provider's table of the activity work items it has handed out, by message id.</summary>
    private static readonly FieldInfo ActiveActivities = typeof(AzureStorageOrchestrationService).GetField("activeActivitySessions", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("expected the Azure Storage provider to keep its running activities in 'activeActivitySessions', found no such field: check the abandon fix in CoreEventsOrchestrationService against the new provider version");

    /// <summary>The work items whose locks are being renewed, by reference: the sidecar hands the work item it locked to
    /// its completion, abandon and release.</summary>
    private readonly ConcurrentDictionary<object, LockRenewal> _renewals = new(ReferenceEqualityComparer.Instance);

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public async Task CompleteTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages, IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        ArgumentNullException.ThrowIfNull(newOrchestrationRuntimeState);
        Normalize(newOrchestrationRuntimeState.Events);
        Normalize(newOrchestrationRuntimeState.NewEvents);
        await StopRenewingAsync(workItem).ConfigureAwait(false);
        await inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState).ConfigureAwait(false);
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

    private readonly Lock _life = new();

    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Task? _start;

    private Task? _stop;

    /// <summary>Completes when the provider has stopped, or at once while it was never started: the sidecar stops it in
    /// the background of its host's stopping, and the host's disposal waits for that here.</summary>
    internal Task Stopped
    {
        get
        {
            lock (_life)
            {
                return _start is null && _stop is null ? Task.CompletedTask : _stopped.Task;
            }
        }
    }

    /// <summary>Starts the provider once. A start asked after the stop does nothing: the sidecar starts its dispatchers
    /// once a worker connects — which may come only as its host stops, after the stop.</summary>
    public Task StartAsync()
    {
        lock (_life)
        {
            return _stop is not null ? Task.CompletedTask : _start ??= inner.StartAsync();
        }
    }

    /// <summary>The sidecar's stop, after its dispatchers have stopped: forced, since no dispatcher is left to work off
    /// the messages a graceful stop waits for (the provider would wait 10 minutes for them, then throw inside the
    /// sidecar's <c>async void</c> stopping handler and end the process). Messages not completed come back after their
    /// visibility, as after a crash.</summary>
    public Task StopAsync() => StopAsync(isForced: true);

    /// <summary>Stops once, whoever asks first (the sidecar, or the host's disposal when the sidecar does not come to it):
    /// every caller gets the same stop, which never throws — the sidecar's caller is an <c>async void</c> handler, where
    /// anything thrown ends the process.</summary>
    public Task StopAsync(bool isForced)
    {
        lock (_life)
        {
            var start = _start;
            return _stop ??= Task.Run(() => StopOnceAsync(start, isForced));
        }
    }

    private async Task StopOnceAsync(Task? start, bool isForced)
    {
        try
        {
            await StopRenewingAllAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogStopFailed(logger, ex);
        }

        try
        {
            if (start is not null)
            {
                // A start still under way is finished first (a failed one is the starter's to report, and whatever it
                // began is stopped all the same); a provider never started has nothing to stop.
                await start.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
                await inner.StopAsync(isForced).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            LogStopFailed(logger, ex);
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopping the Durable Task storage provider failed; its messages come back after their visibility")]
    private static partial void LogStopFailed(ILogger logger, Exception exception);

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
            StartRenewing(workItem, "orchestration " + workItem.InstanceId, () => workItem.LockedUntilUtc, () => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem));
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

    /// <summary>The sidecar renews an orchestration's lock at a continue-as-new; a work item renewed here already is
    /// left to its renewal (two renewals at once would race for the messages' pop receipts).</summary>
    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) =>
        Renewing(workItem) ? Task.CompletedTask : inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await StopRenewingAsync(workItem).ConfigureAwait(false);
        await inner.AbandonTaskOrchestrationWorkItemAsync(workItem).ConfigureAwait(false);
    }

    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await StopRenewingAsync(workItem).ConfigureAwait(false);
        await inner.ReleaseTaskOrchestrationWorkItemAsync(workItem).ConfigureAwait(false);
    }

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (workItem is not null)
        {
            StartRenewing(workItem, "activity message " + workItem.Id, () => workItem.LockedUntilUtc, () => inner.RenewTaskActivityWorkItemLockAsync(workItem));
        }

        return workItem!;
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) =>
        Renewing(workItem) ? Task.FromResult(workItem) : inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        await StopRenewingAsync(workItem).ConfigureAwait(false);
        await inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage).ConfigureAwait(false);
    }

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
        await StopRenewingAsync(workItem).ConfigureAwait(false);
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

    /// <summary>Whether this wrapper's renewal of the work item is still running (one that ended leaves the sidecar's
    /// own renewal to it).</summary>
    private bool Renewing(object workItem) => _renewals.TryGetValue(workItem, out var renewal) && renewal.Running;

    private void StartRenewing(object workItem, string name, Func<DateTime> lockedUntil, Func<Task> renew)
    {
        var renewal = LockRenewal.Start(name, lockedUntil, renew, visibility, logger);
        _renewals.AddOrUpdate(workItem, renewal, (_, earlier) =>
        {
            _ = earlier.StopAsync();
            return renewal;
        });
    }

    /// <summary>Ends the work item's renewal and waits for a renewal under way: the completion or abandon that follows
    /// uses the messages' pop receipts, which a renewal replaces.</summary>
    private Task StopRenewingAsync(object workItem) =>
        _renewals.TryRemove(workItem, out var renewal) ? renewal.StopAsync() : Task.CompletedTask;

    /// <summary>Ends every renewal when the host stops: the work items still held come back once their visibility
    /// lapses, as after a crash. Each is removed only once it has ended, so that a completion meanwhile still waits.</summary>
    private async Task StopRenewingAllAsync()
    {
        foreach (var entry in _renewals)
        {
            await entry.Value.StopAsync().ConfigureAwait(false);
            _renewals.TryRemove(entry);
        }
    }

    /// <summary>Keeps a work item's messages invisible to other fetches while it runs, renewing its lock each third of
    /// the visibility, from its lock until its completion, abandon or release. The Azure Storage provider (2.11.x)
    /// renews by updating the queue message's visibility with its current pop receipt and keeps the new receipt in its
    /// session (<c>RenewTaskActivityWorkItemLockAsync</c>: the work-item message; <c>RenewTaskOrchestrationWorkItemLockAsync</c>:
    /// every message of the episode's batch), and sets <c>LockedUntilUtc</c> to now plus the visibility. For a work item
    /// it no longer holds it expires the activity's lock (<c>LockedUntilUtc</c> = now) or leaves the orchestration's as it
    /// was; a message already deleted is logged and skipped; any other failure (a pop receipt that no longer matches)
    /// throws. Each ends the renewal: the completion or abandon then fails or finds nothing, as before.</summary>
    private sealed partial class LockRenewal
    {
        /// <summary>The longest a work item's lock is renewed: one still running after it (a worker that never
        /// answered, since the sidecar waits for the answer without a limit) is handed out again once its visibility
        /// lapses, as before renewals. Scoring a province's offices takes minutes, not this.</summary>
        public static readonly TimeSpan MaxRenewal = TimeSpan.FromMinutes(30);

        private readonly CancellationTokenSource _stop = new();

        private readonly Lock _sync = new();

        private bool _ended;

        private Task _loop = Task.CompletedTask;

        private LockRenewal()
        {
        }

        public static LockRenewal Start(string name, Func<DateTime> lockedUntil, Func<Task> renew, TimeSpan visibility, ILogger logger)
        {
            var renewal = new LockRenewal();
            renewal._loop = renewal.RunAsync(name, lockedUntil, renew, visibility, logger);
            return renewal;
        }

        /// <summary>Whether the renewal still runs.</summary>
        public bool Running
        {
            get
            {
                lock (_sync)
                {
                    return !_ended;
                }
            }
        }

        /// <summary>Ends the renewal; the task completes once no renewal is under way.</summary>
        public async Task StopAsync()
        {
            lock (_sync)
            {
                if (!_ended)
                {
                    _ended = true;
                    _stop.Cancel();
                }
            }

            await _loop.ConfigureAwait(false);
            _stop.Dispose();
        }

        private async Task RunAsync(string name, Func<DateTime> lockedUntil, Func<Task> renew, TimeSpan visibility, ILogger logger)
        {
            var interval = visibility / 3;
            var until = DateTime.UtcNow + MaxRenewal;
            try
            {
                while (DateTime.UtcNow < until)
                {
                    // Due a third of the visibility after the lock was last set (the provider's lock of an orchestration
                    // counts from its messages' fetch, which may have waited in the provider's buffer).
                    var before = lockedUntil();
                    var due = before == default ? interval : before - (visibility - interval) - DateTime.UtcNow;
                    // Yielding: a renewal due at once still lets the fetch that started the loop return first.
                    await Task.Delay(due < TimeSpan.Zero ? TimeSpan.Zero : due > interval ? interval : due, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
                    await renew().ConfigureAwait(false);
                    var after = lockedUntil();
                    if (after <= before || after <= DateTime.UtcNow)
                    {
                        LogNotHeld(logger, name);
                        return;
                    }
                }

                LogTooLong(logger, name, MaxRenewal);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Completed, abandoned, released or the host stopped.
            }
            catch (Exception e)
            {
                LogRenewFailed(logger, e, name);
            }
            finally
            {
                lock (_sync)
                {
                    _ended = true;
                }
            }
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lock of {WorkItem} stopped after {Longest}: it is handed out again once its visibility lapses")]
        private static partial void LogTooLong(ILogger logger, string workItem, TimeSpan longest);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lock of {WorkItem} stopped: the provider no longer holds it")]
        private static partial void LogNotHeld(ILogger logger, string workItem);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lock of {WorkItem} failed; it is handed out again once its visibility lapses")]
        private static partial void LogRenewFailed(ILogger logger, Exception exception, string workItem);
    }
}
