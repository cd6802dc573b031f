using Appraisal.Workflow.Cycle;

namespace Appraisal.Workflow.Province;

/// <summary>A province's quarter: the offices to run (ids only) and the settings every office cycle shares —
/// <see cref="Settings"/> with the office id replaced, one self-evaluation deadline for all.</summary>
public sealed record ProvinceInput(string ProvinceId, string Period, CycleStart Settings, IReadOnlyList<string> OfficeIds, int BatchSize = ProvinceInput.DefaultBatchSize)
{
    public const int DefaultBatchSize = 10;

    public const int MaxBatchSize = 50;

    /// <summary>The most offices one province's quarter names (a province has a few hundred at most).</summary>
    public const int MaxOffices = 1000;

    public string InstanceId => InstanceIdOf(ProvinceId, Period);

    public static string InstanceIdOf(string provinceId, string period) => $"province-{provinceId}-{period}";
}
