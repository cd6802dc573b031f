using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Appraisal.Storage.Infrastructure;
using Azure;
using Azure.Data.Tables;

namespace Appraisal.Storage.Ballots;

/// <summary>The ballot box of a period's rated indicators (民主测评), anonymous by construction.
/// <para>Who answered (participation: rater and questionnaire section, for reminders and response rates) and what was
/// answered (one row per answer: subject, indicator, group, score) are kept apart, with nothing that joins them. An
/// answer row carries no rater, no time and no order: its key is an HMAC of the answer's place under a receipt — 32
/// random bytes the rater alone holds (the server keeps only its SHA-256 on the participation row, which cannot be
/// turned back into the keys). With the receipt the rater revises: the same keys are written again, in one
/// transaction with their participation row, so a section is all stored or not at all. Without it a second answer is
/// refused. At the close the answers are sealed: folded into one cell per subject, indicator and group — the sum,
/// lowest and highest only where the group's minimum answered, else just the count — the cells' SHA-256 taken, and the
/// answer rows deleted; the seal row refuses every later answer.</para>
/// <para>Partitions: <c>box~office~period</c> holds the window (<c>window</c>: when it closes), participation
/// (<c>p~rater~section</c>), answers (<c>b~hmac</c>) and the seal (<c>seal</c>) — one partition, so each section is one entity-group transaction; <c>sealed~office~period</c>
/// holds the sealed cells and the paper results.</para></summary>
public sealed class BallotBox(StorageAccount account)
{
    /// <summary>The most answers one section may hold: with its participation row, one transaction.</summary>
    public const int MaxAnswers = TableBatch.MaxEntities - 1;

    public const int ReceiptBytes = 32;

    private const string SealRow = "seal";

    private const string WindowRow = "window";

    /// <summary>The most windows' closes kept in memory; past it the memory starts afresh.</summary>
    public const int MaxWindowsKept = 10_000;

    private readonly TableClient _table = account.Table(TableNames.Ballots);

    /// <summary>The closes of windows read or opened, by partition: a window's close never changes once stored (opened
    /// again, the first close stands), so it is read once per process — the seal, which does change, every time.</summary>
    private readonly ConcurrentDictionary<string, DateTime> _windows = new(StringComparer.Ordinal);

    private static string Box(string officeId, string period) => Keys.Join("period", "box", officeId, period);

    private static string SealedPartition(string officeId, string period) => Keys.Join("period", "sealed", officeId, period);

    private static string ParticipationRow(string raterId, string section) => Keys.Join("raterId", "p", raterId, section);

    /// <summary>A new receipt: what a rater keeps to revise their answers.</summary>
    public static byte[] NewReceipt() => RandomNumberGenerator.GetBytes(ReceiptBytes);

    /// <summary>Stores one section of a rater's questionnaire: the first time with a new receipt, later only under the
    /// receipt it was first stored with (a revision: the same answer rows rewritten). Returns whether it revised.
    /// Refused once the box is sealed; <paramref name="mayBeSealed"/> false is the caller's word that it cannot be yet
    /// (the window's close is still far off, and the seal comes after it), and the seal is then not read.</summary>
    public async Task<bool> CastAsync(string officeId, string period, string raterId, string section, ReadOnlyMemory<byte> receipt, IReadOnlyList<BallotScore> answers,
        bool mayBeSealed = true, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        CheckReceipt(receipt);
        if (answers.Count == 0 || answers.Count > MaxAnswers)
        {
            throw new BallotRefusedException(BallotRefusal.TooLarge, $"expected 1 to {MaxAnswers} answers in a section, found {answers.Count}");
        }

        if (answers.Select(a => (a.SubjectId, a.IndicatorId, a.Group)).Distinct().Count() != answers.Count)
        {
            throw new ArgumentException("expected each subject, indicator and group once in a section", nameof(answers));
        }

        var partition = Box(officeId, period);
        var row = ParticipationRow(raterId, section);
        if (mayBeSealed && await SealOfAsync(partition, cancel).ConfigureAwait(false) is not null)
        {
            throw new BallotRefusedException(BallotRefusal.Sealed, $"{officeId} {period}: the ballots are sealed");
        }

        // A first answer, the usual case, is one transaction: the participation row added with the answers. Only when
        // that row is there already (the transaction then stores nothing) is it read, for the receipt and its ETag.
        var hash = Convert.ToHexStringLower(SHA256.HashData(receipt.Span));
        var answerRows = answers.Select(a => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Answer(partition, receipt.Span, section, a))).ToList();
        try
        {
            await _table.SubmitTransactionAsync([new(TableTransactionActionType.Add, Participant(partition, row, raterId, section, hash, 0)), .. answerRows], cancel).ConfigureAwait(false);
            return false;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409 && ex.FailedTransactionActionIndex is null or 0)
        {
        }

        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancel).ConfigureAwait(false);
        if (!existing.HasValue)
        {
            throw new ConcurrencyConflictException($"{_table.Name}({partition}, {row})", 409, null);
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(existing.Value!.GetString("ReceiptHash") ?? string.Empty), Encoding.ASCII.GetBytes(hash)))
        {
            throw new BallotRefusedException(BallotRefusal.ReceiptMismatch, $"{raterId} answered {section} already; revising it takes the receipt it was answered with");
        }

        try
        {
            await _table.SubmitTransactionAsync(
                [new(TableTransactionActionType.UpdateReplace, Participant(partition, row, raterId, section, hash, (existing.Value.GetInt32("Revisions") ?? 0) + 1), existing.Value.ETag), .. answerRows],
                cancel).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new ConcurrencyConflictException($"{_table.Name}({partition}, {row})", 412, ex);
        }

        return true;
    }

    /// <summary>The rater's own answers of a section, read with their receipt (the places asked are given: the answer
    /// rows cannot be found otherwise); null when the section is not answered or the receipt is not the one it was
    /// answered with.</summary>
    public async Task<IReadOnlyList<BallotScore>?> OwnAsync(string officeId, string period, string raterId, string section, ReadOnlyMemory<byte> receipt,
        IReadOnlyList<(string SubjectId, string IndicatorId, string Group)> places, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(places);
        CheckReceipt(receipt);
        var partition = Box(officeId, period);
        var participant = await _table.GetEntityIfExistsAsync<TableEntity>(partition, ParticipationRow(raterId, section), cancellationToken: cancel).ConfigureAwait(false);
        if (!participant.HasValue || participant.Value!.GetString("ReceiptHash") != Convert.ToHexStringLower(SHA256.HashData(receipt.Span)))
        {
            return null;
        }

        var rows = new BallotScore?[places.Count];
        var key = receipt.ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, places.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancel }, async (i, token) =>
        {
            var (subject, indicator, group) = places[i];
            var found = await _table.GetEntityIfExistsAsync<TableEntity>(partition, AnswerRow(key, section, subject, indicator, group), cancellationToken: token).ConfigureAwait(false);
            rows[i] = found.HasValue ? ReadAnswer(found.Value!) : null;
        }).ConfigureAwait(false);
        return rows.OfType<BallotScore>().ToList();
    }

    /// <summary>Who answered which section of the period's questionnaire.</summary>
    public async Task<IReadOnlyList<Participation>> ParticipationAsync(string officeId, string period, CancellationToken cancel = default)
    {
        var partition = Box(officeId, period);
        var list = new List<Participation>();
        var from = Keys.Join("raterId", "p") + Keys.Separator;
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == partition && x.RowKey.CompareTo(from) >= 0 && x.RowKey.CompareTo(Keys.UpperBound("p")) < 0, cancellationToken: cancel).ConfigureAwait(false))
        {
            list.Add(new Participation(e.GetString("RaterId"), e.GetString("Section"), e.GetInt32("Revisions") ?? 0));
        }

        return list;
    }

    /// <summary>Which of <paramref name="sections"/> the rater has answered: one point read of their participation row
    /// per section (what a questionnaire or a to-do list needs), never a query over the office's box.</summary>
    public async Task<IReadOnlySet<string>> AnsweredAsync(string officeId, string period, string raterId, IReadOnlyList<string> sections, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var partition = Box(officeId, period);
        var found = new bool[sections.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, sections.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancel }, async (i, token) =>
            found[i] = (await _table.GetEntityIfExistsAsync<TableEntity>(partition, ParticipationRow(raterId, sections[i]), ["RowKey"], token).ConfigureAwait(false)).HasValue).ConfigureAwait(false);
        return sections.Where((_, i) => found[i]).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Opens the period's window until <paramref name="untilUtc"/> (opened again, the first close stands:
    /// a retried activity changes nothing).</summary>
    public async Task<DateTime> OpenAsync(string officeId, string period, DateTime untilUtc, CancellationToken cancel = default)
    {
        var partition = Box(officeId, period);
        try
        {
            await _table.AddEntityAsync(new TableEntity(partition, WindowRow) { ["UntilUtc"] = DateTime.SpecifyKind(untilUtc, DateTimeKind.Utc) }, cancel).ConfigureAwait(false);
            return Keep(partition, DateTime.SpecifyKind(untilUtc, DateTimeKind.Utc));
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return (await WindowAsync(officeId, period, cancel).ConfigureAwait(false))!.Value;
        }
    }

    /// <summary>When the period's window closes, or null when none was opened (ratings then come another way). A close
    /// once read is kept (it never changes); "none opened" is not, so an opening is seen at once.</summary>
    public async Task<DateTime?> WindowAsync(string officeId, string period, CancellationToken cancel = default)
    {
        var partition = Box(officeId, period);
        if (_windows.TryGetValue(partition, out var kept))
        {
            return kept;
        }

        var e = await _table.GetEntityIfExistsAsync<TableEntity>(partition, WindowRow, cancellationToken: cancel).ConfigureAwait(false);
        return e.HasValue && e.Value!.GetDateTimeOffset("UntilUtc") is { } until ? Keep(partition, until.UtcDateTime) : null;
    }

    private DateTime Keep(string partition, DateTime untilUtc)
    {
        if (_windows.Count >= MaxWindowsKept)
        {
            _windows.Clear();
        }

        return _windows[partition] = untilUtc;
    }

    /// <summary>The period's seal, or null while its ballots are open.</summary>
    public Task<BallotSeal?> SealOfAsync(string officeId, string period, CancellationToken cancel = default) => SealOfAsync(Box(officeId, period), cancel);

    /// <summary>Seals the period's ballots: every answer folded into its cell (sum, lowest and highest kept only where
    /// at least <paramref name="minResponses"/> of the indicator and group answered), the cells stored, their SHA-256
    /// recorded on the seal row, the answer rows deleted. Sealing again returns the seal already made (and finishes
    /// deleting answers a crash left behind).</summary>
    public async Task<BallotSeal> SealAsync(string officeId, string period, Func<string, string, int> minResponses, DateTimeOffset at, CancellationToken cancel = default)
    {
        var seal = await SealOnlyAsync(officeId, period, minResponses, at, cancel).ConfigureAwait(false);
        await PurgeAsync(officeId, period, cancel).ConfigureAwait(false);
        return seal;
    }

    /// <summary>The seal without deleting the answer rows (<see cref="PurgeAsync"/> does): the means are final once
    /// this returns; the benchmark times the two apart.</summary>
    public async Task<BallotSeal> SealOnlyAsync(string officeId, string period, Func<string, string, int> minResponses, DateTimeOffset at, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(minResponses);
        var partition = Box(officeId, period);
        var seal = await SealOfAsync(partition, cancel).ConfigureAwait(false);
        if (seal is not null)
        {
            return seal;
        }

        var answers = await AnswerRowsAsync(partition, ["RowKey", "SubjectId", "IndicatorId", "Group", "Score"], cancel).ConfigureAwait(false);
        var cells = Fold(answers.Select(ReadAnswer), minResponses);
        var sealedPartition = SealedPartition(officeId, period);
        await TableBatch.SubmitAsync(_table, cells.Select(c => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Cell(sealedPartition, c))), account.Options.WriteParallelism, cancel).ConfigureAwait(false);
        seal = new BallotSeal(at, answers.Count(a => a.GetString("Score") is not null), cells.Count, Hash(cells));
        try
        {
            await _table.AddEntityAsync(new TableEntity(partition, SealRow)
            {
                ["SealedAt"] = seal.SealedAt,
                ["Answers"] = seal.Answers,
                ["Cells"] = seal.Cells,
                ["Sha256"] = seal.Sha256,
            }, cancel).ConfigureAwait(false);
            return seal;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return (await SealOfAsync(partition, cancel).ConfigureAwait(false))!;
        }
    }

    /// <summary>Deletes the answer rows of a sealed period (any a crash left behind, too): after it, storage holds
    /// who answered and the cells, nothing per answer.</summary>
    public async Task PurgeAsync(string officeId, string period, CancellationToken cancel = default)
    {
        var partition = Box(officeId, period);
        if (await SealOfAsync(partition, cancel).ConfigureAwait(false) is null)
        {
            throw new InvalidOperationException($"{officeId} {period}: the ballots are not sealed; their answers are kept");
        }

        var answers = await AnswerRowsAsync(partition, ["RowKey"], cancel).ConfigureAwait(false);
        await TableBatch.SubmitAsync(_table, answers.Select(a => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, a.RowKey), ETag.All)), account.Options.WriteParallelism, cancel).ConfigureAwait(false);
    }

    /// <summary>The answers read one after another at most: past it, the rest is read as key ranges at once.</summary>
    public const int SequentialAnswers = 8_000;

    /// <summary>The answer rows of a partition. The first page (up to 1,000 rows, in key order) is read from the whole
    /// partition; an office's box of a few thousand answers is then read page after page — two or three requests, each
    /// of which storage answers from the one partition, and Azurite by scanning its whole table. Only a box that the
    /// first page shows to be larger than <see cref="SequentialAnswers"/> (its keys are HMACs in hex, so the share of
    /// the key space the page covered estimates the whole) is read on as sixteen key ranges at once, past the first
    /// page's last key.</summary>
    private async Task<List<TableEntity>> AnswerRowsAsync(string partition, IReadOnlyList<string> columns, CancellationToken cancel)
    {
        const string Hex = "0123456789abcdef";
        var from = $"b{Keys.Separator}";
        var to = Keys.UpperBound("b");
        var rows = new List<TableEntity>();
        string? continuation = null;
        await foreach (var page in _table.QueryAsync<TableEntity>(x => x.PartitionKey == partition && x.RowKey.CompareTo(from) >= 0 && x.RowKey.CompareTo(to) < 0,
            maxPerPage: 1000, select: columns, cancellationToken: cancel).AsPages().ConfigureAwait(false))
        {
            rows.AddRange(page.Values);
            continuation = page.ContinuationToken;
            if (continuation is null || (rows.Count > 0 && rows.Count / KeyShare(rows[^1].RowKey) > SequentialAnswers))
            {
                break;
            }
        }

        if (continuation is null)
        {
            return rows;
        }

        // A large box: the rest by hex digit of the key, each range from past the last key read.
        var last = rows[^1].RowKey;
        var ranges = await Task.WhenAll(Hex.Select((digit, i) => (From: $"{from}{digit}", To: i == Hex.Length - 1 ? to : $"{from}{Hex[i + 1]}"))
            .Where(r => string.CompareOrdinal(r.To, last) > 0)
            .Select(async r =>
            {
                var lower = string.CompareOrdinal(r.From, last) > 0 ? r.From : last;
                var range = new List<TableEntity>();
                await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == partition && x.RowKey.CompareTo(lower) > 0 && x.RowKey.CompareTo(r.To) < 0,
                    select: columns, cancellationToken: cancel).ConfigureAwait(false))
                {
                    range.Add(e);
                }

                return range;
            })).ConfigureAwait(false);
        return [.. rows, .. ranges.SelectMany(r => r)];
    }

    /// <summary>The share of the answer keys' space up to and including <paramref name="rowKey"/> (its first four hex digits).</summary>
    private static double KeyShare(string rowKey) =>
        rowKey.Length >= 6 && int.TryParse(rowKey.AsSpan(2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var head) ? (head + 1) / 65536.0 : 1.0;

    /// <summary>The period's sealed cells (online answers) and the paper results entered for it.</summary>
    public async Task<IReadOnlyList<SealedCell>> CellsAsync(string officeId, string period, CancellationToken cancel = default)
    {
        var partition = SealedPartition(officeId, period);
        var cells = new List<SealedCell>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == partition, cancellationToken: cancel).ConfigureAwait(false))
        {
            cells.Add(new SealedCell(e.GetString("SubjectId"), e.GetString("IndicatorId"), e.GetString("Group"), e.GetInt32("Count") ?? 0,
                Number(e.GetString("Sum")), Number(e.GetString("Min")), Number(e.GetString("Max")), e.GetBoolean("Paper") ?? false));
        }

        return cells;
    }

    /// <summary>A group's paper results for one subject and indicator, entered in aggregate by the appraisal office (a
    /// count and a sum; entered again, replaced).</summary>
    public Task PutPaperAsync(string officeId, string period, SealedCell paper, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(paper);
        return _table.UpsertEntityAsync(Cell(SealedPartition(officeId, period), paper with { Min = null, Max = null, Paper = true }), TableUpdateMode.Replace, cancel);
    }

    /// <summary>The SHA-256 of cells in their canonical order, one line each.</summary>
    public static string Hash(IEnumerable<SealedCell> cells) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', cells.Select(c => c.Canonical()).Order(StringComparer.Ordinal)))));

    private static List<SealedCell> Fold(IEnumerable<BallotScore> answers, Func<string, string, int> minResponses) =>
        answers.Where(a => a.Score is not null)
            .GroupBy(a => (a.SubjectId, a.IndicatorId, a.Group))
            .Select(g =>
            {
                var scores = g.Select(a => a.Score!.Value).ToList();
                return scores.Count >= minResponses(g.Key.IndicatorId, g.Key.Group)
                    ? new SealedCell(g.Key.SubjectId, g.Key.IndicatorId, g.Key.Group, scores.Count, scores.Sum(), scores.Min(), scores.Max())
                    : new SealedCell(g.Key.SubjectId, g.Key.IndicatorId, g.Key.Group, scores.Count, null, null, null);
            })
            .OrderBy(c => c.Canonical(), StringComparer.Ordinal)
            .ToList();

    private async Task<BallotSeal?> SealOfAsync(string partition, CancellationToken cancel)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(partition, SealRow, cancellationToken: cancel).ConfigureAwait(false);
        return e.HasValue
            ? new BallotSeal(e.Value!.GetDateTimeOffset("SealedAt") ?? default, e.Value.GetInt32("Answers") ?? 0, e.Value.GetInt32("Cells") ?? 0, e.Value.GetString("Sha256"))
            : null;
    }

    private static void CheckReceipt(ReadOnlyMemory<byte> receipt)
    {
        if (receipt.Length != ReceiptBytes)
        {
            throw new ArgumentException($"expected a receipt of {ReceiptBytes} bytes, found {receipt.Length}", nameof(receipt));
        }
    }

    private static TableEntity Participant(string partition, string row, string raterId, string section, string hash, int revisions) => new(partition, row)
    {
        ["RaterId"] = raterId,
        ["Section"] = section,
        ["ReceiptHash"] = hash,
        ["Revisions"] = revisions,
    };

    /// <summary>An answer row: keyed by the HMAC of its place under the receipt; no rater, no time.</summary>
    private static TableEntity Answer(string partition, ReadOnlySpan<byte> receipt, string section, BallotScore answer) =>
        new(partition, AnswerRow(receipt, section, answer.SubjectId, answer.IndicatorId, answer.Group))
        {
            ["SubjectId"] = answer.SubjectId,
            ["IndicatorId"] = answer.IndicatorId,
            ["Group"] = answer.Group,
            ["Score"] = answer.Score?.ToString(CultureInfo.InvariantCulture),
        };

    private static string AnswerRow(ReadOnlySpan<byte> receipt, string section, string subject, string indicator, string group) =>
        "b" + Keys.Separator + Convert.ToHexStringLower(HMACSHA256.HashData(receipt, Encoding.UTF8.GetBytes(string.Join('\n', section, subject, indicator, group))));

    private static BallotScore ReadAnswer(TableEntity e) =>
        new(e.GetString("SubjectId"), e.GetString("IndicatorId"), e.GetString("Group"), Number(e.GetString("Score")));

    private static TableEntity Cell(string partition, SealedCell c) =>
        new(partition, Keys.Join("subjectId", "c", c.SubjectId, c.IndicatorId, c.Group, c.Paper ? "paper" : "online"))
        {
            ["SubjectId"] = c.SubjectId,
            ["IndicatorId"] = c.IndicatorId,
            ["Group"] = c.Group,
            ["Count"] = c.Count,
            ["Sum"] = c.Sum?.ToString(CultureInfo.InvariantCulture),
            ["Min"] = c.Min?.ToString(CultureInfo.InvariantCulture),
            ["Max"] = c.Max?.ToString(CultureInfo.InvariantCulture),
            ["Paper"] = c.Paper,
        };

    private static decimal? Number(string? text) => text is null ? null : decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
