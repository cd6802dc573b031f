using Appraisal.Workflow.Cycle;

namespace Appraisal.Workflow.Province;

/// <summary>A province's quarter: the offices to run (ids only) and the settings every office cycle shares, taken from
/// <see cref="Template"/> with the office id replaced.</summary>
public sealed record ProvinceInput(string ProvinceId, string Period, CycleInput Template, IReadOnlyList<string> OfficeIds, int BatchSize = 50)
{
    public string InstanceId => $"province-{ProvinceId}-{Period}";
}
