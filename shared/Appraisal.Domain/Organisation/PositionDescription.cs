namespace Appraisal.Domain.Organisation;

/// <summary>A position description (职位说明书): duties, workload and quality standards.</summary>
public sealed record PositionDescription
{
    public IReadOnlyList<string> Duties { get; init; } = [];

    public string? WorkloadStandard { get; init; }

    public string? QualityStandard { get; init; }
}
