using Microsoft.DurableTask;

namespace Appraisal.Workflow.Ratings;

/// <summary>Opens the rating window and invites the raters.</summary>
[DurableTask(nameof(OpenRatingsActivity))]
public sealed class OpenRatingsActivity(IRatingServices ratings) : TaskActivity<RatingRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RatingRequest input)
    {
        await ratings.OpenAsync(input, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
