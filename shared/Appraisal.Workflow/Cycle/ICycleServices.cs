namespace Appraisal.Workflow.Cycle;

/// <summary>The work the cycle's activities do against storage, the domain and the outbox. Each is idempotent:
/// deterministic keys, ETag-guarded writes, outbox messages keyed by request.</summary>
public interface ICycleServices
{
    /// <summary>Sends the office's draft scheme to the Party group for decision.</summary>
    Task RequestSchemeDecisionAsync(CycleRequest request, CancellationToken cancel);

    /// <summary>Scores the period from stored inputs and verified claims; stores the scorecards; returns their id.</summary>
    Task<string> ScoreAsync(CycleRequest request, CancellationToken cancel);

    /// <summary>Combines the year's quarters with the scheme's weights plus the year-end-only items (年终总考核); stores
    /// the annual scorecards; returns their id.</summary>
    Task<string> CombineYearAsync(CycleRequest request, CancellationToken cancel);

    /// <summary>Sends each Party-group member the results summary and a signed approval link.</summary>
    Task RequestDecisionAsync(CycleRequest request, CancellationToken cancel);

    /// <summary>Publishes the public notice (公示) until the end of the objection period.</summary>
    Task PublishAsync(CycleRequest request, CancellationToken cancel);

    /// <summary>Makes the results final and immutable, updates the dossiers and sends the result notices.</summary>
    Task FinaliseAsync(CycleRequest request, CancellationToken cancel);
}
