namespace Appraisal.Workflow.Ratings;

/// <summary>An office's rating window for a period, as its activities are asked: the scheme it rates under, when it
/// closes, and the Party group's members (office leaders among the raters).</summary>
public sealed record RatingRequest(string OfficeId, string Period, string SchemeId, int SchemeVersion, DateTime UntilUtc, IReadOnlyList<string> PartyGroup);
