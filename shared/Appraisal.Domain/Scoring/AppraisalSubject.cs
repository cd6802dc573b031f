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

    /// <summary>A person as the subject of a person scheme.</summary>
    public static AppraisalSubject Of(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new() { Id = person.Id, Name = person.Name, DepartmentId = person.DepartmentId, StaffCategory = person.Category, Post = person.Post };
    }

    /// <summary>A department as the subject of a department scheme.</summary>
    public static AppraisalSubject Of(Department department)
    {
        ArgumentNullException.ThrowIfNull(department);
        return new() { Id = department.Id, Name = department.Name, DepartmentId = department.Id };
    }
}
