using System.Globalization;
using Microsoft.DurableTask;

namespace Appraisal.Workflow.Ratings;

/// <summary>Seals the window's ballots once it has closed; returns the seal's SHA-256 — or, before the close the
/// raters were told (the first close stored for the period, which a cycle started again may have set later than its
/// own), that close (<see cref="Later"/>), for the orchestration to come back then.</summary>
[DurableTask(nameof(SealRatingsActivity))]
public sealed class SealRatingsActivity(IRatingServices ratings) : TaskActivity<RatingRequest, string>
{
    private const string LaterPrefix = "later:";

    /// <summary>The result that says the ballots are not sealed before <paramref name="closeUtc"/>.</summary>
    public static string Later(DateTime closeUtc) => LaterPrefix + DateTime.SpecifyKind(closeUtc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The close a result of <see cref="Later"/> names; none for a seal's SHA-256.</summary>
    public static DateTime? LaterClose(string result) =>
        result is not null && result.StartsWith(LaterPrefix, StringComparison.Ordinal)
            ? DateTime.Parse(result[LaterPrefix.Length..], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
            : null;

    public override async Task<string> RunAsync(TaskActivityContext context, RatingRequest input)
    {
        return await ratings.SealAsync(input, CancellationToken.None).ConfigureAwait(false);
    }
}
