using Microsoft.DurableTask;

namespace Appraisal.Workflow;

/// <summary>The retry policy every orchestrator gives its activities, in both hosts. Activities are idempotent (they
/// write with ETags and deterministic keys), so a failed one is run again: storage that stayed down through the SDK's
/// own retries (<c>Storage:MaxRetries</c>) gets a few more chances before the orchestration fails. A refusal
/// (<see cref="Cycle.RequestRefusedException"/>: no such office, no scheme) would only be refused again: it is not retried.</summary>
public static class WorkflowRetry
{
    /// <summary>Attempts of an activity, the first included.</summary>
    public const int Attempts = 4;

    /// <summary>The wait before the first retry; each next wait doubles, up to <see cref="MaxInterval"/>.</summary>
    public static readonly TimeSpan FirstInterval = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(1);

    /// <summary>4 attempts, 3 s, 6 s and 12 s apart (durable timers: a host restart in between loses nothing).</summary>
    public static TaskOptions Activities { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(Attempts, FirstInterval, backoffCoefficient: 2, maxRetryInterval: MaxInterval)
    {
        HandleFailure = failure => failure.ErrorType != typeof(Cycle.RequestRefusedException).FullName,
    });
}
