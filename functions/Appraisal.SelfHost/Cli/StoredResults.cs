using System.Diagnostics;
using Appraisal.Domain.Scoring;
using Appraisal.Storage;
using Appraisal.Workflow.Actions;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.SelfHost.Cli;

/// <summary>Persists a period's scorecards through <see cref="StoreScorecardsAction"/> (audited with a digest of what
/// was stored) and says what it took.</summary>
internal static class StoredResults
{
    public static async Task<string> SaveAsync(StorageOptions storage, string officeId, string period, IReadOnlyList<Scorecard> cards, string actor, Domain.Text.Language language, CancellationToken cancel)
    {
        await using var services = await CliServices.OpenAsync(storage, cancel);
        var account = services.GetRequiredService<StorageAccount>();
        var before = account.Requests.Count;
        var clock = Stopwatch.StartNew();
        var stored = await services.GetRequiredService<StoreScorecardsAction>().RunAsync(CliServices.Operator(actor, officeId), officeId, period, cards, cancel);
        return language == Domain.Text.Language.Zh
            ? $"已存储 {officeId} {period}（{stored.Schemes}）记分卡 {stored.Count} 份：事务 {stored.Transactions} 次，存储请求 {account.Requests.Count - before} 次，用时 {clock.ElapsedMilliseconds} 毫秒；审计记录 scorecards.stored sha256 {stored.Sha256[..16]}…"
            : $"stored {stored.Count} scorecards of {officeId} {period} ({stored.Schemes}) in {stored.Transactions} transactions, " +
            $"{account.Requests.Count - before} storage requests, {clock.ElapsedMilliseconds} ms; audit: scorecards.stored sha256 {stored.Sha256[..16]}…";
    }
}
