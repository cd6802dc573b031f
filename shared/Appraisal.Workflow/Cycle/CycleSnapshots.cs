using System.Collections.Concurrent;
using System.Text.Json;
using Appraisal.Domain.Organisation;
using Appraisal.Storage.Organisation;
using Microsoft.DurableTask.Client;

namespace Appraisal.Workflow.Cycle;

/// <summary>What a request for a person's self-evaluation needs to know of a cycle: whether it runs, its stage,
/// and its self-evaluation deadline.</summary>
public sealed record CycleSnapshot(OrchestrationRuntimeStatus Status, string? Stage, DateTime SelfEvaluationDeadlineUtc);

/// <summary>Cycles and organisations as the busiest endpoints read them: each fetched at most once per
/// <see cref="Freshness"/> however many requests ask at once (they share the one fetch), so a department's people
/// submitting together cost the task hub and the organisation table one read, not one each. The deadline itself is
/// checked against the clock on every request; only the stage may be up to <see cref="Freshness"/> old.</summary>
public sealed class CycleSnapshots(OrganisationRepository organisation, TimeProvider clock)
{
    public static TimeSpan Freshness { get; } = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, Task<CycleSnapshot?> Value)> _cycles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, Task<OfficeOrganisation?> Value)> _organisations = new(StringComparer.Ordinal);

    public Task<CycleSnapshot?> CycleAsync(DurableTaskClient client, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Cached(_cycles, instanceId, () => FetchAsync(client, instanceId));
    }

    public Task<OfficeOrganisation?> OrganisationAsync(string officeId) =>
        Cached(_organisations, officeId, () => organisation.LoadAsync(officeId));

    /// <summary>Forgets an office's organisation (after an import through this host).</summary>
    public void Forget(string officeId) => _organisations.TryRemove(officeId, out _);

    private Task<T> Cached<T>(ConcurrentDictionary<string, (DateTimeOffset At, Task<T> Value)> cache, string key, Func<Task<T>> fetch)
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(key, out var hit) && now - hit.At < Freshness && !hit.Value.IsFaulted && !hit.Value.IsCanceled)
        {
            return hit.Value;
        }

        var entry = cache.AddOrUpdate(key, _ => (now, fetch()), (_, old) => now - old.At < Freshness && !old.Value.IsFaulted && !old.Value.IsCanceled ? old : (now, fetch()));
        return entry.Value;
    }

    private static async Task<CycleSnapshot?> FetchAsync(DurableTaskClient client, string instanceId)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true).ConfigureAwait(false);
        if (instance is null)
        {
            return null;
        }

        string? stage = null;
        if (instance.SerializedCustomStatus is { Length: > 0 } status)
        {
            using var document = JsonDocument.Parse(status);
            stage = document.RootElement.TryGetProperty("stage", out var s) ? s.GetString() : null;
        }

        var input = instance.ReadInputAs<CycleInput>();
        return new CycleSnapshot(instance.RuntimeStatus, stage, input?.SelfEvaluationDeadlineUtc ?? DateTime.MinValue);
    }
}
