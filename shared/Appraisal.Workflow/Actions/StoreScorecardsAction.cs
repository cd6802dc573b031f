using System.Security.Cryptography;
using System.Text.Json;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Scorecards;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;

namespace Appraisal.Workflow.Actions;

/// <summary>What was stored: the cards, the storage transactions it took and the digest the audit entry records.</summary>
public sealed record StoredScorecards(int Count, int Transactions, string Schemes, string Sha256);

/// <summary>Scorecards scored outside a cycle (<c>appraisal score --store</c>: a period scored from files, e.g. one
/// appraised before the office ran its cycles here) stored for an office: the appraisal office of that office (the
/// console's operator), and only for a period no cycle of the office runs or ran — a cycle's results are the cycle's
/// to score, decide and finalise, so they are never replaced from outside. Audited with a digest of what was stored.</summary>
public sealed class StoreScorecardsAction(CycleRepository cycles, ScorecardRepository scorecards, AuditLog audit, TimeProvider clock)
{
    public async Task<StoredScorecards> RunAsync(Caller caller, string officeId, string period, IReadOnlyList<Scorecard> cards, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(cards);
        Access.Authorize(caller, AccessRule.Verify, officeId);
        if (await cycles.GetAsync(officeId, period, cancel).ConfigureAwait(false) is { } cycle)
        {
            throw new RequestRefusedException(409, "period", $"expected a period with no cycle of {officeId}, found its {period} cycle at {cycle.Value.Stage}: its results are scored by the cycle",
                $"{officeId} {period} 已有考核周期（{StageNames.Zh(cycle.Value.Stage)}），其结果由考核周期计分，不能从外部存储");
        }

        if (cards.FirstOrDefault(c => c.Period != period) is { } other)
        {
            throw new RequestRefusedException(400, "period", $"expected scorecards of {period}, found one of {other.Period} ({other.SubjectId})", $"应为 {period} 的记分卡，实际有 {other.Period} 的（{other.SubjectId}）");
        }

        var transactions = await scorecards.SaveAsync(officeId, cards, cancel: cancel).ConfigureAwait(false);
        var digest = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(cards, DomainJson.Compact)));
        var schemes = string.Join(",", cards.Select(c => $"{c.SchemeId} v{c.SchemeVersion}").Distinct());
        await audit.AppendAsync(officeId, period, caller.UserId, "scorecards.stored", $"{officeId}/{period}/{schemes}", null,
            JsonSerializer.Serialize(new { count = cards.Count, sha256 = digest }), clock.GetUtcNow(), cancel).ConfigureAwait(false);
        return new StoredScorecards(cards.Count, transactions, schemes, digest);
    }
}
