using System.Runtime.ExceptionServices;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Infrastructure;
using Azure;
using Azure.Data.Tables;

namespace Appraisal.Storage.Scorecards;

/// <summary>Scorecards, one row per subject per period: partition = office, row = <c>period~scheme~subject</c>.
/// An office's results for a period are one range query; a person's dossier is the office partition filtered by
/// subject. Written in transactions of up to 100 rows; a final result is never replaced.</summary>
public sealed class ScorecardRepository(StorageAccount account)
{
    private readonly TableClient _table = account.Table(TableNames.Scorecards);

    public static string Partition(string officeId) => Keys.Join("officeId", officeId);

    public static string Row(string period, string schemeId, string subjectId) => Keys.Join("scorecard", period, schemeId, subjectId);

    /// <summary>Stores scorecards of one office: new rows are inserted in transactions; rows that exist already are
    /// replaced under their ETag unless final. Returns the number of transactions sent.</summary>
    public Task<int> SaveAsync(string officeId, IReadOnlyList<Scorecard> cards, bool final = false, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(cards);
        return SaveAsync(cards.Select(c => (officeId, c)), final, cancel);
    }

    /// <summary>Stores scorecards of many offices at once (a provincial or national period), partitions in parallel.</summary>
    public async Task<int> SaveAsync(IEnumerable<(string OfficeId, Scorecard Card)> cards, bool final = false, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(cards);
        // Packing (JSON + gzip) is CPU work: spread it over the cores.
        List<TableEntity> entities;
        try
        {
            entities = cards.AsParallel().AsOrdered()
                .Select(c => ScorecardCodec.ToEntity(Partition(c.OfficeId), Row(c.Card.Period, c.Card.SchemeId, c.Card.SubjectId), c.Card, final)).ToList();
        }
        catch (AggregateException ex)
        {
            // A card refused while packing (a bad key, too large for a row) raises its own exception, not PLINQ's wrapper.
            ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
            throw;
        }

        var duplicate = entities.GroupBy(e => (e.PartitionKey, e.RowKey)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"cards: expected one scorecard per subject, period and scheme, found {duplicate.Key.RowKey} twice", nameof(cards));
        }

        var sent = 0;
        var chunks = TableBatch.Chunk(entities.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e))).ToList();
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = account.Options.WriteParallelism, CancellationToken = cancel }, async (chunk, token) =>
        {
            try
            {
                await TableBatch.SubmitChunkAsync(_table, chunk, token).ConfigureAwait(false);
                Interlocked.Increment(ref sent);
            }
            catch (ConcurrencyConflictException ex) when (ex.Status == 409)
            {
                // Some rows exist (a re-scoring): replace them under their ETags, unless a result is already final.
                Interlocked.Add(ref sent, await ReplaceAsync(chunk, token).ConfigureAwait(false));
            }
        }).ConfigureAwait(false);
        return sent;
    }

    private async Task<int> ReplaceAsync(List<TableTransactionAction> chunk, CancellationToken cancel)
    {
        var partition = chunk[0].Entity.PartitionKey;
        var first = chunk.Select(a => a.Entity.RowKey).Min(StringComparer.Ordinal)!;
        var last = chunk.Select(a => a.Entity.RowKey).Max(StringComparer.Ordinal)!;
        var existing = new Dictionary<string, (ETag ETag, bool Final)>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {first} and RowKey le {last}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Final"], cancellationToken: cancel).ConfigureAwait(false))
        {
            existing[e.RowKey] = (e.ETag, e.GetBoolean("Final") ?? false);
        }

        var final = chunk.FirstOrDefault(a => existing.TryGetValue(a.Entity.RowKey, out var row) && row.Final);
        if (final is not null)
        {
            throw new ImmutableRecordException($"scorecard {final.Entity.PartitionKey}/{final.Entity.RowKey}", "the result is final and cannot be altered");
        }

        var actions = chunk.Select(a => existing.TryGetValue(a.Entity.RowKey, out var row)
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, a.Entity, row.ETag)
            : a).ToList();
        await TableBatch.SubmitChunkAsync(_table, actions, cancel).ConfigureAwait(false);
        return 2;
    }

    /// <summary>An office's scorecards for a period (optionally one scheme), in subject order.</summary>
    public async Task<IReadOnlyList<Scorecard>> ForPeriodAsync(string officeId, string period, string? schemeId = null, CancellationToken cancel = default)
    {
        var prefix = schemeId is null ? Keys.Join("period", period) + Keys.Separator : Keys.Join("scorecard", period, schemeId) + Keys.Separator;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(officeId)} and RowKey ge {prefix} and RowKey lt {Keys.UpperBound(prefix[..^1])}");
        var cards = new List<Scorecard>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancel).ConfigureAwait(false))
        {
            cards.Add(ScorecardCodec.FromEntity(entity));
        }

        return cards;
    }

    /// <summary>One subject's scorecards across periods (the dossier's results), oldest period first.</summary>
    public async Task<IReadOnlyList<Scorecard>> ForSubjectAsync(string officeId, string subjectId, CancellationToken cancel = default)
    {
        Keys.Check("subjectId", subjectId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(officeId)} and SubjectId eq {subjectId}");
        var cards = new List<Scorecard>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancel).ConfigureAwait(false))
        {
            cards.Add(ScorecardCodec.FromEntity(entity));
        }

        return cards;
    }

    /// <summary>Makes a period's results final (after publication): from then on they cannot be replaced.</summary>
    public async Task FinaliseAsync(string officeId, string period, string schemeId, CancellationToken cancel = default)
    {
        var prefix = Keys.Join("scorecard", period, schemeId) + Keys.Separator;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(officeId)} and RowKey ge {prefix} and RowKey lt {Keys.UpperBound(prefix[..^1])}");
        var actions = new List<TableTransactionAction>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "Final"], cancellationToken: cancel).ConfigureAwait(false))
        {
            if (e.GetBoolean("Final") != true)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(e.PartitionKey, e.RowKey) { ["Final"] = true }, e.ETag));
            }
        }

        await TableBatch.SubmitAsync(_table, actions, account.Options.WriteParallelism, cancel).ConfigureAwait(false);
    }
}
