using System.Collections.Concurrent;
using Appraisal.Domain.Cycles;
using Appraisal.Domain.Organisation;
using Appraisal.Storage.Organisation;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Cycle;

/// <summary>What a request for a person's self-evaluation needs to know of a cycle: whether it runs, its stage,
/// and its self-evaluation deadline.</summary>
public sealed record CycleSnapshot(OrchestrationRuntimeStatus Status, CycleStage? Stage, DateTime SelfEvaluationDeadlineUtc);

/// <summary>Cycles and organisations as the busiest endpoints read them: each fetched once, shared by every request
/// that asks while the fetch runs, and refreshed in the background once older than its freshness (a cycle's stage
/// <see cref="CycleFreshness"/>, an organisation <see cref="OrganisationFreshness"/>, or at once after an import
/// through this host) — requests go on with the value they have meanwhile, so a department's people submitting
/// together cost the task hub and the organisation table one read, not one each, and none waits for a refresh. A value
/// not asked for in three times its freshness is fetched again before it is used. The deadline itself is checked
/// against the clock on every request; only the stage may be up to three times the freshness old.</summary>
public sealed class CycleSnapshots(OrganisationRepository organisation, TimeProvider clock)
{
    public static TimeSpan CycleFreshness { get; } = TimeSpan.FromSeconds(2);

    public static TimeSpan OrganisationFreshness { get; } = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Slot<CycleSnapshot?>> _cycles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Slot<OfficeOrganisation?>> _organisations = new(StringComparer.Ordinal);

    public Task<CycleSnapshot?> CycleAsync(DurableTaskClient client, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Cached(_cycles, instanceId, CycleFreshness, () => FetchAsync(client, instanceId));
    }

    public Task<OfficeOrganisation?> OrganisationAsync(string officeId) =>
        Cached(_organisations, officeId, OrganisationFreshness, () => organisation.LoadAsync(officeId));

    /// <summary>Forgets an office's organisation (after an import through this host): the next request reads it.</summary>
    public void Forget(string officeId) => _organisations.TryRemove(officeId, out _);

    private Task<T> Cached<T>(ConcurrentDictionary<string, Slot<T>> cache, string key, TimeSpan freshness, Func<Task<T>> fetch)
    {
        var slot = cache.GetOrAdd(key, _ => new Slot<T>());
        lock (slot)
        {
            var now = clock.GetUtcNow();
            if (slot.Value is null || slot.Value.IsFaulted || slot.Value.IsCanceled || (slot.Value.IsCompleted && now - slot.At >= 3 * freshness))
            {
                // Nothing good yet, or what there is has not been asked for in a while: this request and those after
                // it wait for one fetch.
                (slot.Value, slot.At) = (fetch(), now);
            }
            else if (slot.Value.IsCompletedSuccessfully && now - slot.At >= freshness && !slot.Refreshing)
            {
                slot.Refreshing = true;
                _ = RefreshAsync(slot, fetch);
            }

            return slot.Value;
        }
    }

    private async Task RefreshAsync<T>(Slot<T> slot, Func<Task<T>> fetch)
    {
        try
        {
            var value = await fetch().ConfigureAwait(false);
            lock (slot)
            {
                (slot.Value, slot.At) = (Task.FromResult(value), clock.GetUtcNow());
            }
        }
        catch (Exception) when (slot.Value is not null)
        {
            // Keep the value it has; the next request past its freshness tries again.
        }
        finally
        {
            lock (slot)
            {
                slot.Refreshing = false;
            }
        }
    }

    private sealed class Slot<T>
    {
        public Task<T>? Value { get; set; }

        public DateTimeOffset At { get; set; }

        public bool Refreshing { get; set; }
    }

    private static async Task<CycleSnapshot?> FetchAsync(DurableTaskClient client, string instanceId)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true).ConfigureAwait(false);
        if (instance is null)
        {
            return null;
        }

        var input = instance.ReadInputAs<CycleInput>();
        return new CycleSnapshot(instance.RuntimeStatus, CycleStatus.Read(instance.SerializedCustomStatus)?.Stage, input?.SelfEvaluationDeadlineUtc ?? DateTime.MinValue);
    }
}
