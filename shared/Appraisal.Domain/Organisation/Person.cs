namespace Appraisal.Domain.Organisation;

/// <summary>A member of staff (干警), holding a position in a department.</summary>
public sealed record Person
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string DepartmentId { get; init; }

    public string? PositionId { get; init; }

    public required StaffCategory Category { get; init; }

    public LeadershipPost Post { get; init; } = LeadershipPost.None;

    public string? Email { get; init; }
}
