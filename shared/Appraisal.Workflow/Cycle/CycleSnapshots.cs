using System.Collections.Concurrent;
using Appraisal.Domain.Cycles;
using Appraisal.Domain.Organisation;
using Appraisal.Storage.Organisation;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Cycle;

/// <summary>What a request for a person's self-evaluation needs to know of a cycle: whether it runs, its stage,
/// and its self-evaluation deadline.</summary>
public sealed record CycleSnapshot(OrchestrationRuntimeStatus Status, CycleStage? Stage, DateTime SelfEvaluationDeadlineUtc);

/// <summary>Cycles and organisations as the busiest endpoints (people's self-evaluations, the raters' questionnaire) read them: each fetched once and shared by every request
/// that asks while the fetch runs or within its freshness (a cycle's stage <see cref="CycleFreshness"/>, an
/// organisation <see cref="OrganisationFreshness"/>, or at once after an import through this host) — so a department's
/// people submitting together cost the task hub and the organisation table one read, not one each. Past its freshness a
/// value is never used: the next request fetches again and those after it wait for that one fetch, so a guard acts on
/// a stage at most <see cref="CycleFreshness"/> old (it may not go on taking self-evaluations for long after the stage
/// has moved on). The deadline itself is checked against the clock on every request.</summary>
public sealed class CycleSnapshots(OrganisationRepository organisation, TimeProvider clock)
{
    public static TimeSpan CycleFreshness { get; } = TimeSpan.FromSeconds(2);

    public static TimeSpan OrganisationFreshness { get; } = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Slot<CycleEntry?>> _cycles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Slot<OfficeOrganisation?>> _organisations = new(StringComparer.Ordinal);

    public async Task<CycleSnapshot?> CycleAsync(DurableTaskClient client, string instanceId) =>
        (await CachedCycleAsync(client, instanceId).ConfigureAwait(false))?.Snapshot;

    /// <summary>The cycle's instance with its input and custom status, as fetched at most <see cref="CycleFreshness"/> ago
    /// (the same fetch <see cref="CycleAsync"/> shares).</summary>
    public async Task<OrchestrationMetadata?> InstanceAsync(DurableTaskClient client, string instanceId) =>
        (await CachedCycleAsync(client, instanceId).ConfigureAwait(false))?.Instance;

    private Task<CycleEntry?> CachedCycleAsync(DurableTaskClient client, string instanceId)
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
            if (slot.Value is null || slot.Value.IsFaulted || slot.Value.IsCanceled || (slot.Value.IsCompleted && now - slot.At >= freshness))
            {
                // Nothing good yet, or too old to act on: this request and those after it wait for one fetch.
                (slot.Value, slot.At) = (fetch(), now);
            }

            return slot.Value;
        }
    }

    private sealed class Slot<T>
    {
        public Task<T>? Value { get; set; }

        public DateTimeOffset At { get; set; }

    }

    private sealed record CycleEntry(OrchestrationMetadata Instance, CycleSnapshot Snapshot);

    private static async Task<CycleEntry?> FetchAsync(DurableTaskClient client, string instanceId)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true).ConfigureAwait(false);
        if (instance is null)
        {
            return null;
        }

        var input = instance.ReadInputAs<CycleInput>();
        return new CycleEntry(instance, new CycleSnapshot(instance.RuntimeStatus, CycleStatus.Read(instance.SerializedCustomStatus)?.Stage, input?.SelfEvaluationDeadlineUtc ?? DateTime.MinValue));
    }
}
