using Appraisal.Domain.Periods;

namespace Appraisal.Domain.Sample;

/// <summary>The size and seed of a generated sample office; the defaults match the court in the sources
/// (30 departments, 215 positions).</summary>
public sealed record SampleOptions
{
    public int Departments { get; init; } = 30;

    public int People { get; init; } = 215;

    public Period Period { get; init; } = Period.Quarter(2026, 1);

    /// <summary>Average cases closed per quota prosecutor in a quarter.</summary>
    public int CasesPerProsecutor { get; init; } = 14;

    public int Seed { get; init; } = 20261;
}
