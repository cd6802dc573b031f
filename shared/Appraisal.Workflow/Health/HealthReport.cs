namespace Appraisal.Workflow.Health;

/// <summary>A part's state: answering, not answering, or not configured (mail without an SMTP server stays in the
/// outbox, which is not a fault).</summary>
public enum PartState
{
    Healthy,
    Unhealthy,
    NotConfigured,
}

/// <summary>One part as the health endpoint shows it: its state and how long it took to answer. The error itself is
/// logged, never answered: the endpoint needs no sign-in.</summary>
public sealed record PartHealth(string Name, PartState State, long DurationMs);

/// <summary>Every part's health at one instant; healthy when no part is unhealthy.</summary>
public sealed record HealthReport(DateTimeOffset CheckedAt, IReadOnlyList<PartHealth> Parts)
{
    public bool Healthy => Parts.All(p => p.State != PartState.Unhealthy);
}
