using Appraisal.Domain.Organisation;

namespace Appraisal.Domain.Schemes;

/// <summary>The minimum workload share, in percent of the peers' average case count, for one leadership post.</summary>
public sealed record LeaderShareRule
{
    public required LeadershipPost Post { get; init; }

    public required decimal MinSharePercent { get; init; }
}
