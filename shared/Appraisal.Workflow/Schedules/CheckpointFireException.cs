namespace Appraisal.Workflow.Schedules;

/// <summary>A checkpoint fire that could not start every office: the offices that failed (the others were started).
/// The fire is not done: the self-host tries it again with backoff, the Functions host by its retry policy.</summary>
public sealed class CheckpointFireException(CheckpointKind kind, string period, IReadOnlyList<string> failedOffices, int started)
    : Exception($"{kind} checkpoint {period}: expected every office started, found {failedOffices.Count} failed ({string.Join(", ", failedOffices)}); {started} started")
{
    public CheckpointKind Kind { get; } = kind;

    public string Period { get; } = period;

    public IReadOnlyList<string> FailedOffices { get; } = failedOffices;
}
