namespace Appraisal.Domain.Organisation;

/// <summary>A position (岗位) in a department, with its position description.</summary>
public sealed record Position
{
    public required string Id { get; init; }

    public required string DepartmentId { get; init; }

    public required string Title { get; init; }

    public PositionDescription Description { get; init; } = new();
}
