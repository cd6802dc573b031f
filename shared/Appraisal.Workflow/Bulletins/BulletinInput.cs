namespace Appraisal.Workflow.Bulletins;

/// <summary>A month's bulletin (月度通报) for one office.</summary>
public sealed record BulletinInput(string OfficeId, string Period)
{
    public string InstanceId => $"bulletin-{OfficeId}-{Period}";
}
