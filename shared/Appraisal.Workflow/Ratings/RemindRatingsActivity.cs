using Microsoft.DurableTask;

namespace Appraisal.Workflow.Ratings;

/// <summary>Reminds the raters who have not answered before the window closes.</summary>
[DurableTask(nameof(RemindRatingsActivity))]
public sealed class RemindRatingsActivity(IRatingServices ratings) : TaskActivity<RatingRequest, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, RatingRequest input)
    {
        return await ratings.RemindAsync(input, CancellationToken.None).ConfigureAwait(false);
    }
}
