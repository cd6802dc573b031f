using Microsoft.DurableTask;

namespace Appraisal.Workflow.Ratings;

/// <summary>Seals the window's ballots once it has closed; returns the seal's SHA-256.</summary>
[DurableTask(nameof(SealRatingsActivity))]
public sealed class SealRatingsActivity(IRatingServices ratings) : TaskActivity<RatingRequest, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, RatingRequest input)
    {
        return await ratings.SealAsync(input, CancellationToken.None).ConfigureAwait(false);
    }
}
