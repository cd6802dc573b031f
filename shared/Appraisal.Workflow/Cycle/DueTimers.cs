using Microsoft.DurableTask;

namespace Appraisal.Workflow.Cycle;

/// <summary>Durable timers for the cycle's moments — a reminder, a deadline and its grace, a rating window's close and
/// seal, the end of the objection period — set <see cref="Margin"/> past the moment. The Azure Storage backend (of the
/// Functions host and of the self-host) delivers a timer as a queue message hidden until it is due, and a queue hides a
/// message for whole seconds, the fraction dropped: a timer came up to a second before its time. A quarter's audit chain
/// showed the ballots sealed before the window's close and the results made final before the objection period had
/// ended. With the margin a moment comes less than a second late, never early: nothing closes before its time.</summary>
public static class DueTimers
{
    /// <summary>How much later than its moment a timer is set: the most a queue's whole seconds take off.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    /// <summary>A timer that fires no earlier than <paramref name="dueUtc"/>.</summary>
    public static Task At(TaskOrchestrationContext context, DateTime dueUtc, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CreateTimer(dueUtc + Margin, cancel);
    }
}
