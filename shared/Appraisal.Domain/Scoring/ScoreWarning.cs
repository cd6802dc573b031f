namespace Appraisal.Domain.Scoring;

/// <summary>A warning on a scorecard, with the item it concerns and the figures behind it.</summary>
public readonly record struct ScoreWarning(WarningCode Code, string? Item = null, decimal? Value = null, decimal? Threshold = null);
