using System.Collections.Concurrent;
using Appraisal.Workflow.Cycle;

namespace Appraisal.Workflow.Tests.Cycle;

/// <summary>Records the reminders and escalations the activities send, in order.</summary>
public sealed class RecordingNotifications : ICycleNotifications
{
    public ConcurrentQueue<(string Kind, string DepartmentId)> Sent { get; } = new();

    public Task RemindAsync(DepartmentNotice notice, CancellationToken cancel)
    {
        Sent.Enqueue(("remind", notice.DepartmentId));
        return Task.CompletedTask;
    }

    public Task EscalateAsync(DepartmentNotice notice, CancellationToken cancel)
    {
        Sent.Enqueue(("escalate", notice.DepartmentId));
        return Task.CompletedTask;
    }
}
