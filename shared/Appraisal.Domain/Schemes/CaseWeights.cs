using System.Globalization;
using System.Text.Json.Serialization;

namespace Appraisal.Domain.Schemes;

/// <summary>What a case's weight is read from: its case type, or its class (案件类别, the case export's class column).</summary>
public enum CaseWeightBasis
{
    CaseType,
    Class,
}

/// <summary>Weights of a count indicator's cases (e.g. 实体性 1, 程序性 0.5, 指导性 1.5): each case counts its weight
/// instead of one, by its type or class; a type or class not named counts <see cref="Default"/>.</summary>
public sealed record CaseWeights
{
    public required CaseWeightBasis By { get; init; }

    public required IReadOnlyDictionary<string, decimal> Values { get; init; }

    public decimal Default { get; init; } = 1m;

    /// <summary>The weight of a case of this type or class (the empty class: a case without one).</summary>
    public decimal Of(string typeOrClass) => Values.TryGetValue(typeOrClass, out var weight) ? weight : Default;

    /// <summary>A stable key: two indicators with the same filter and key count the same weighted cases.</summary>
    [JsonIgnore]
    public string Key =>
        $"{By}:" + string.Join(',', Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value.ToString(CultureInfo.InvariantCulture)}"))
        + $";{Default.ToString(CultureInfo.InvariantCulture)}";
}
