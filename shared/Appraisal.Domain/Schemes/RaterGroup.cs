using System.Text.Json.Serialization;

namespace Appraisal.Domain.Schemes;

/// <summary>A group of raters (e.g. colleagues 同事, leaders 领导, the public) of a rated indicator: its weight in percent,
/// who is eligible to rate in it and how many responses its mean needs to count.</summary>
/// <remarks>A group written before rater kinds existed (no <see cref="Raters"/>) is read as <see cref="RaterKind.SameDepartment"/>
/// and counts any number of responses, as it did; a group that states its raters needs <see cref="DefaultMinResponses"/>
/// responses unless it says otherwise.</remarks>
public sealed record RaterGroup
{
    public const int DefaultMinResponses = 5;

    public const int MaxMinResponses = 1000;

    public required string Group { get; init; }

    /// <summary>The group's name on questionnaires and scorecards (e.g. 同事评议); the id when there is none.</summary>
    public LocalizedText? Name { get; init; }

    public required decimal Weight { get; init; }

    /// <summary>Who is eligible to rate; null in a scheme written before rater kinds (read as <see cref="RaterKind.SameDepartment"/>).</summary>
    public RaterKind? Raters { get; init; }

    /// <summary>The department whose members rate, for <see cref="RaterKind.Department"/> only.</summary>
    public string? DepartmentId { get; init; }

    /// <summary>k: the fewest responses for the group's mean to count (1–1000); below it the group is left out.</summary>
    public int? MinResponses { get; init; }

    /// <summary>Who is eligible to rate: <see cref="Raters"/>, or <see cref="RaterKind.SameDepartment"/> when not stated.</summary>
    [JsonIgnore]
    public RaterKind EffectiveRaters => Raters ?? RaterKind.SameDepartment;

    /// <summary>The fewest responses that count: <see cref="MinResponses"/>; when not stated <see cref="DefaultMinResponses"/>,
    /// or 1 for a group without <see cref="Raters"/> (written before minimums existed).</summary>
    [JsonIgnore]
    public int EffectiveMinResponses => MinResponses ?? (Raters is null ? 1 : DefaultMinResponses);
}
