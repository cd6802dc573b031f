using System.Text.Json.Serialization;

namespace Appraisal.Workflow.Approvals;

/// <summary>What an approval link says, signed: the cycle (office and period), the decision round, the scheme and
/// the results put to it, the member, the single-use nonce, and when it expires (Unix seconds).</summary>
public sealed record ApprovalClaims(
    [property: JsonPropertyName("o")] string OfficeId,
    [property: JsonPropertyName("p")] string Period,
    [property: JsonPropertyName("r")] int Round,
    [property: JsonPropertyName("k")] string SchemeId,
    [property: JsonPropertyName("s")] string ScoringId,
    [property: JsonPropertyName("m")] string MemberId,
    [property: JsonPropertyName("n")] string Nonce,
    [property: JsonPropertyName("e")] long ExpiresAt)
{
    [JsonIgnore]
    public string CycleId => Cycle.CycleStarter.InstanceId(OfficeId, Domain.Periods.Period.Parse(Period));

    [JsonIgnore]
    public DateTimeOffset Expires => DateTimeOffset.FromUnixTimeSeconds(ExpiresAt);
}
