namespace Appraisal.Domain.Cases;

/// <summary>The target indicators' values per subject for one period, and each subject's workload
/// (closed cases under the leader workload filter), computed from case records.</summary>
public sealed class IndicatorTable
{
    private readonly MetricValue[] _values;
    private readonly int[] _workload;

    public IndicatorTable(int subjects, int indicators)
    {
        SubjectCount = subjects;
        IndicatorCount = indicators;
        _values = new MetricValue[subjects * indicators];
        _workload = new int[subjects];
    }

    public int SubjectCount { get; }

    public int IndicatorCount { get; }

    public MetricValue this[int subject, int indicator]
    {
        get => _values[(subject * IndicatorCount) + indicator];
        set => _values[(subject * IndicatorCount) + indicator] = value;
    }

    public int Workload(int subject) => _workload[subject];

    public void SetWorkload(int subject, int closedCases) => _workload[subject] = closedCases;
}
