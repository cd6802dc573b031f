namespace Appraisal.Domain.Schemes;

/// <summary>A group of raters (e.g. colleagues 同事, leaders 领导, the public) and its weight in percent.</summary>
public sealed record RaterGroup
{
    public required string Group { get; init; }

    public required decimal Weight { get; init; }
}
