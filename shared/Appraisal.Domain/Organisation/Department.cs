namespace Appraisal.Domain.Organisation;

/// <summary>A department (部门/科室/处室) of an office.</summary>
public sealed record Department
{
    public required string Id { get; init; }

    public required string Name { get; init; }
}
