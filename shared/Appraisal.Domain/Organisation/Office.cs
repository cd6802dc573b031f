namespace Appraisal.Domain.Organisation;

/// <summary>A procuratorate (院).</summary>
public sealed record Office
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required OfficeLevel Level { get; init; }
}
