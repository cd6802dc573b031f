namespace Appraisal.Workflow.Schedules;

/// <summary>The calendar's checkpoints: monthly bulletin (月有通报), quarterly appraisal (季有考评), year-end appraisal (年终总考核).</summary>
public enum CheckpointKind
{
    Monthly,
    Quarterly,
    Annual,
}
