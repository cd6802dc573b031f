namespace Appraisal.Workflow.Cycle;

/// <summary>What the cycle tells people: reminders before a deadline, escalations after one. Implementations put
/// messages in the outbox so that a retried activity sends each once.</summary>
public interface ICycleNotifications
{
    /// <summary>Reminds the departments' heads that the self-evaluation is due (自查自评提醒).</summary>
    Task RemindAsync(DepartmentNotices notices, CancellationToken cancel);

    /// <summary>Tells the appraisal office and the departments' heads that the deadline passed without a submission.</summary>
    Task EscalateAsync(DepartmentNotices notices, CancellationToken cancel);
}
