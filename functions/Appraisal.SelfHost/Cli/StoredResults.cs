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
    public static async Task<string> SaveAsync(StorageOptions storage, string officeId, string period, IReadOnlyList<Scorecard> cards, string actor, Domain.Text.Language language, CancellationToken cancel)
    {
        var account = await StorageSettings.OpenAsync(storage, cancel);
        var before = account.Requests.Count;
        var clock = Stopwatch.StartNew();
        var transactions = await new ScorecardRepository(account).SaveAsync(officeId, cards, cancel: cancel);
        var digest = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(cards, DomainJson.Compact)));
        var schemes = string.Join(",", cards.Select(c => $"{c.SchemeId} v{c.SchemeVersion}").Distinct());
        await new AuditLog(account).AppendAsync(officeId, period, actor, "scorecards.stored", $"{officeId}/{period}/{schemes}", null,
            JsonSerializer.Serialize(new { count = cards.Count, sha256 = digest }), DateTimeOffset.UtcNow, cancel);
        return language == Domain.Text.Language.Zh
            ? $"已存储 {officeId} {period}（{schemes}）记分卡 {cards.Count} 份：事务 {transactions} 次，存储请求 {account.Requests.Count - before} 次，用时 {clock.ElapsedMilliseconds} 毫秒；审计记录 scorecards.stored sha256 {digest[..16]}…"
            : $"stored {cards.Count} scorecards of {officeId} {period} ({schemes}) in {transactions} transactions, " +
            $"{account.Requests.Count - before} storage requests, {clock.ElapsedMilliseconds} ms; audit: scorecards.stored sha256 {digest[..16]}…";
    }
}
