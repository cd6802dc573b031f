using Appraisal.Domain.Organisation;

namespace Appraisal.Domain.Scoring;

/// <summary>Who is appraised: a person or a department, with what places them in rankings and quota pools.</summary>
public sealed record AppraisalSubject
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The department the subject belongs to (a department's own id for department schemes).</summary>
    public required string DepartmentId { get; init; }

    public StaffCategory? StaffCategory { get; init; }

    public LeadershipPost Post { get; init; } = LeadershipPost.None;
}
