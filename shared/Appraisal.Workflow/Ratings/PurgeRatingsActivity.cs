using Microsoft.DurableTask;

namespace Appraisal.Workflow.Ratings;

/// <summary>Deletes the sealed window's answer rows (their cells and seal stay): run beside scoring, which needs only the
/// seal, and awaited before the cycle's results are final.</summary>
[DurableTask(nameof(PurgeRatingsActivity))]
public sealed class PurgeRatingsActivity(IRatingServices ratings) : TaskActivity<RatingRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RatingRequest input)
    {
        await ratings.PurgeAsync(input, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
