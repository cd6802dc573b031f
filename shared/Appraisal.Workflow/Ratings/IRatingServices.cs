namespace Appraisal.Workflow.Ratings;

/// <summary>What the rating window's activities do. Each is idempotent: a retried activity (or one replayed after a
/// crash) opens, reminds and seals once — invitations and reminders go through the outbox under keys of their own.</summary>
public interface IRatingServices
{
    /// <summary>Opens the window until its close and invites every eligible rater (a mail linking to their questionnaire).</summary>
    Task OpenAsync(RatingRequest window, CancellationToken cancel);

    /// <summary>Reminds the raters who have not answered every section of their questionnaire; returns how many.</summary>
    Task<int> RemindAsync(RatingRequest window, CancellationToken cancel);

    /// <summary>Seals the window's ballots — every mean final, the seal recorded in the audit chain; returns its SHA-256,
    /// or — before the close stored for the period, which the raters were told — <see cref="SealRatingsActivity.Later"/>
    /// of that close, and seals nothing.</summary>
    Task<string> SealAsync(RatingRequest window, CancellationToken cancel);

    /// <summary>Deletes the sealed window's answer rows (a sealed box only; again, nothing more to delete).</summary>
    Task PurgeAsync(RatingRequest window, CancellationToken cancel);
}
