namespace Appraisal.Domain.Cases;

/// <summary>An indicator's input value for one subject: null when it cannot be measured (no cases to divide by),
/// with the number of cases it rests on.</summary>
public readonly record struct MetricValue(decimal? Value, int Basis);
