namespace Appraisal.Storage.Ballots;

/// <summary>That a rater has answered one section of the questionnaire of a period — for reminders and response
/// rates — and how often they revised it. Nothing here says what they answered.</summary>
public sealed record Participation(string RaterId, string Section, int Revisions);
