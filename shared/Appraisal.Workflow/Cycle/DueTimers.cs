using Microsoft.DurableTask;

namespace Appraisal.Workflow.Cycle;

/// <summary>Durable timers for the cycle's moments — a reminder, a deadline and its grace, a rating window's close and
/// seal, the end of the objection period — set <see cref="Margin"/> past the moment. The Azure Storage backend (of the
/// Functions host and of the self-host) delivers a timer as a queue message hidden until it is due, and a queue hides a
/// message for whole seconds, the fraction dropped: a timer came up to a second before its time. A quarter's audit chain
/// showed the ballots sealed before the window's close and the results made final before the objection period had
/// ended. With the margin a moment comes no earlier than its time, and late by less than the margin and the
/// backend's queue polling. Only for a cycle started with <c>TimersOnTime</c>: one started before keeps its timers as
/// they were, since a timer longer than the SDK's longest (3 days) is split into several, and a second more can add
/// one — which a history recorded without it would not replay.</summary>
public static class DueTimers
{
    /// <summary>How much later than its moment a timer is set: the most a queue's whole seconds take off.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    /// <summary>A timer that fires no earlier than <paramref name="dueUtc"/> — with <paramref name="onTime"/> false
    /// (a cycle started before the margin) the timer as it was set then.</summary>
    public static Task At(TaskOrchestrationContext context, DateTime dueUtc, bool onTime, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CreateTimer(onTime ? dueUtc + Margin : dueUtc, cancel);
    }
}
