using Appraisal.Domain.Periods;

namespace Appraisal.Workflow.Schedules;

/// <summary>What a timer fire starts: the kind, the period just ended, and the orchestration's deterministic instance id
/// for an office — so a late or repeated fire finds the instance already there and starts nothing.</summary>
public sealed record Checkpoint(CheckpointKind Kind, Period Period)
{
    public string InstanceId(string officeId) => Kind switch
    {
        CheckpointKind.Monthly => $"bulletin-{officeId}-{Period}",
        CheckpointKind.Quarterly => $"cycle-{officeId}-{Period}",
        _ => $"yearend-{officeId}-{Period}",
    };
}
