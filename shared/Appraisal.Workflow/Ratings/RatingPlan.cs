namespace Appraisal.Workflow.Ratings;

/// <summary>How a cycle collects its ratings from the raters (民主测评): the window opens with self-evaluation, or
/// once self-evaluation has ended; it lasts <paramref name="Duration"/>; raters who have not answered are reminded
/// <paramref name="RemindBefore"/> its close (none when zero); the ballots are sealed <paramref name="Settle"/> after the
/// close — the questionnaire refuses answers from the close on, and the moment lets one sent just before it be stored
/// before the seal reads (5 seconds when a cycle is started, a tenth of a shorter window). A window beside
/// self-evaluation closes at <paramref name="UntilUtc"/> when the starter counted it (in working days, or moved off a day
/// off); one after self-evaluation is counted when it opens.</summary>
public sealed record RatingPlan(bool AfterSelfEvaluation, Cycle.StageDuration Duration, TimeSpan RemindBefore, TimeSpan Settle, DateTime? UntilUtc = null);
