namespace Appraisal.Domain.Cases;

/// <summary>One case as exported by the case-management system (案件管理系统).</summary>
public sealed record CaseRecord
{
    public required string CaseId { get; init; }

    public required string HandlerId { get; init; }

    public required string DepartmentId { get; init; }

    public required string CaseType { get; init; }

    public required DateOnly Accepted { get; init; }

    public DateOnly? Closed { get; init; }

    /// <summary>The day by which the case must be closed (办理时限).</summary>
    public required DateOnly TimeLimit { get; init; }

    public CaseStatus Status => Closed is null ? CaseStatus.Open : CaseStatus.Closed;

    public IReadOnlyList<string> QualityFlags { get; init; } = [];

    /// <summary>The case's class (案件类别: 实体性, 程序性, 指导性 …) when the export gives one; a scheme may weight
    /// cases by it (<see cref="Schemes.CaseWeights"/>).</summary>
    public string? Class { get; init; }
}
