using System.Collections.Concurrent;
using Appraisal.Workflow.Cycle;

namespace Appraisal.Workflow.Tests.Cycle;

/// <summary>Records what the cycle's activities were asked to do, in order; scoring returns scoring-1, scoring-2, ….</summary>
public sealed class RecordingServices : ICycleServices, Appraisal.Workflow.Ratings.IRatingServices
{
    private int _scorings;

    public ConcurrentQueue<string> Calls { get; } = new();

    public Task RequestSchemeDecisionAsync(CycleRequest request, CancellationToken cancel)
    {
        Calls.Enqueue("scheme-decision");
        return Task.CompletedTask;
    }

    public Task<string> ScoreAsync(CycleRequest request, CancellationToken cancel)
    {
        Calls.Enqueue($"score:v{request.SchemeVersion}");
        return Task.FromResult($"scoring-{Interlocked.Increment(ref _scorings)}");
    }

    public Task<string> CombineYearAsync(CycleRequest request, CancellationToken cancel)
    {
        Calls.Enqueue($"combine:{request.Period}:v{request.SchemeVersion}");
        return Task.FromResult($"annual-{Interlocked.Increment(ref _scorings)}");
    }

    public Task RequestDecisionAsync(CycleRequest request, CancellationToken cancel)
    {
        Calls.Enqueue($"decide:{request.Round}:{request.ScoringId}");
        return Task.CompletedTask;
    }

    public Task PublishAsync(CycleRequest request, CancellationToken cancel)
    {
        Calls.Enqueue($"publish:{request.Round}:{request.ScoringId}");
        return Task.CompletedTask;
    }

    public Task FinaliseAsync(CycleRequest request, CancellationToken cancel)
    {
        Calls.Enqueue($"finalise:{request.Round}:{request.ScoringId}");
        return Task.CompletedTask;
    }

    public Task OpenAsync(Appraisal.Workflow.Ratings.RatingRequest window, CancellationToken cancel)
    {
        Calls.Enqueue($"ratings-open:v{window.SchemeVersion}");
        return Task.CompletedTask;
    }

    public Task<int> RemindAsync(Appraisal.Workflow.Ratings.RatingRequest window, CancellationToken cancel)
    {
        Calls.Enqueue("ratings-remind");
        return Task.FromResult(1);
    }

    /// <summary>The close the raters were told, when later than the cycle's own (a cycle started again): the seal is
    /// refused before it, as the ballot box's services refuse it.</summary>
    public DateTime? ToldClose { get; set; }

    /// <summary>When the seal was made.</summary>
    public DateTime? SealedUtc { get; private set; }

    public Task<string> SealAsync(Appraisal.Workflow.Ratings.RatingRequest window, CancellationToken cancel)
    {
        Calls.Enqueue("ratings-seal");
        if (ToldClose is { } told && DateTime.UtcNow < told)
        {
            return Task.FromResult(Appraisal.Workflow.Ratings.SealRatingsActivity.Later(told));
        }

        SealedUtc = DateTime.UtcNow;
        return Task.FromResult("seal");
    }

    public Task PurgeAsync(Appraisal.Workflow.Ratings.RatingRequest window, CancellationToken cancel)
    {
        Calls.Enqueue("ratings-purge");
        return Task.CompletedTask;
    }
}
