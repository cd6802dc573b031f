using System.Collections.Concurrent;
using Appraisal.Workflow.Cycle;

namespace Appraisal.Workflow.Tests.Cycle;

/// <summary>Records the reminders and escalations the activities send, in order: each department's, and each call's
/// departments (one call for the windows that came due together).</summary>
public sealed class RecordingNotifications : ICycleNotifications
{
    public ConcurrentQueue<(string Kind, string DepartmentId)> Sent { get; } = new();

    public ConcurrentQueue<(string Kind, IReadOnlyList<string> Departments)> Calls { get; } = new();

    public Task RemindAsync(DepartmentNotices notices, CancellationToken cancel) => Record("remind", notices);

    public Task EscalateAsync(DepartmentNotices notices, CancellationToken cancel) => Record("escalate", notices);

    private Task Record(string kind, DepartmentNotices notices)
    {
        Calls.Enqueue((kind, notices.Departments));
        foreach (var department in notices.Departments)
        {
            Sent.Enqueue((kind, department));
        }

        return Task.CompletedTask;
    }
}
