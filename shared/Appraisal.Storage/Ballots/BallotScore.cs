namespace Appraisal.Storage.Ballots;

/// <summary>One answer of a rater's questionnaire: the score (0–100) given to a subject on a rated indicator as a
/// member of a rater group, or none ("cannot judge").</summary>
public sealed record BallotScore(string SubjectId, string IndicatorId, string Group, decimal? Score);
