using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Scoring;
using Appraisal.Storage;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Scorecards;

namespace Appraisal.SelfHost.Cli;

/// <summary>Persists a period's scorecards and records it in the audit log with a digest of what was stored.</summary>
internal static class StoredResults
{
    public static async Task<string> SaveAsync(StorageOptions storage, string officeId, string period, IReadOnlyList<Scorecard> cards, string actor, CancellationToken cancel)
    {
        var account = await StorageSettings.OpenAsync(storage, cancel);
        var before = account.Requests.Count;
        var clock = Stopwatch.StartNew();
        var transactions = await new ScorecardRepository(account).SaveAsync(officeId, cards, cancel: cancel);
        var digest = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(cards, DomainJson.Compact)));
        var schemes = string.Join(",", cards.Select(c => $"{c.SchemeId} v{c.SchemeVersion}").Distinct());
        await new AuditLog(account).AppendAsync(officeId, period, actor, "scorecards.stored", $"{officeId}/{period}/{schemes}", null,
            JsonSerializer.Serialize(new { count = cards.Count, sha256 = digest }), DateTimeOffset.UtcNow, cancel);
        return $"stored {cards.Count} scorecards of {officeId} {period} ({schemes}) in {transactions} transactions, " +
            $"{account.Requests.Count - before} storage requests, {clock.ElapsedMilliseconds} ms; audit: scorecards.stored sha256 {digest[..16]}…";
    }
}
