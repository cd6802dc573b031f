using System.Security.Cryptography;
using System.Text;
using Appraisal.Storage.Ballots;
using Azure.Data.Tables;

namespace Appraisal.Storage.Tests.Ballots;

/// <summary>The ballot box against Azurite: a section stored whole or not at all, revised only with its receipt, sealed
/// into cells that hide groups below their minimum — and a dump of storage that cannot tell who answered what.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BallotBoxTests
{
    private const string Office = "sample-basic";
    private const string Period = "2026-Q1";
    private static readonly DateTimeOffset Close = new(2026, 4, 10, 16, 0, 0, TimeSpan.Zero);

    /// <summary>Six colleagues of one department rate each other on one indicator (never themselves).</summary>
    private static readonly string[] Raters = ["E0101", "E0102", "E0103", "E0104", "E0105", "E0106"];

    private static List<BallotScore> Questionnaire(string rater, Func<string, decimal?> score) =>
        Raters.Where(s => s != rater).Select(s => new BallotScore(s, "conduct-evaluation", "colleagues", score(s))).ToList();

    private static int MinimumFive(string indicator, string group) => 5;

    [Fact]
    public async Task ASection_IsRevisedWithItsReceipt_AndRefusedWithoutIt_NothingStoredOnARefusal()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var box = new BallotBox(account);
        var receipt = BallotBox.NewReceipt();
        Assert.Null(await box.WindowAsync(Office, Period));
        Assert.Equal(Close.UtcDateTime, await box.OpenAsync(Office, Period, Close.UtcDateTime));
        Assert.Equal(Close.UtcDateTime, await box.OpenAsync(Office, Period, Close.UtcDateTime.AddDays(1))); // opened again: the first close stands
        Assert.Equal(Close.UtcDateTime, await box.WindowAsync(Office, Period));

        Assert.False(await box.CastAsync(Office, Period, "E0101", "D01", receipt, Questionnaire("E0101", _ => 90m)));
        var before = await StorageSnapshot.TakeAsync(account);
        var second = await Assert.ThrowsAsync<BallotRefusedException>(() => box.CastAsync(Office, Period, "E0101", "D01", BallotBox.NewReceipt(), Questionnaire("E0101", _ => 60m)));
        Assert.Equal(BallotRefusal.ReceiptMismatch, second.Reason);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));

        Assert.True(await box.CastAsync(Office, Period, "E0101", "D01", receipt, Questionnaire("E0101", s => s == "E0102" ? null : 80m)));
        var places = Questionnaire("E0101", _ => null).Select(a => (a.SubjectId, a.IndicatorId, a.Group)).ToList();
        var own = await box.OwnAsync(Office, Period, "E0101", "D01", receipt, places);
        Assert.Equal(Questionnaire("E0101", s => s == "E0102" ? null : 80m).OrderBy(a => a.SubjectId), own!.OrderBy(a => a.SubjectId));
        Assert.Null(await box.OwnAsync(Office, Period, "E0101", "D01", BallotBox.NewReceipt(), places));
        Assert.Null(await box.OwnAsync(Office, Period, "E0102", "D01", receipt, places));
        Assert.Equal([new Participation("E0101", "D01", 1)], await box.ParticipationAsync(Office, Period));

        var tooLarge = Enumerable.Range(0, BallotBox.MaxAnswers + 1).Select(i => new BallotScore($"E{i:0000}", "conduct-evaluation", "colleagues", 80m)).ToList();
        before = await StorageSnapshot.TakeAsync(account);
        Assert.Equal(BallotRefusal.TooLarge, (await Assert.ThrowsAsync<BallotRefusedException>(() => box.CastAsync(Office, Period, "E0103", "D01", BallotBox.NewReceipt(), tooLarge))).Reason);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
    }

    [Fact]
    public async Task TheWindowsClose_IsReadOnce_NotOpenIsAskedEachTime_AndASealMadeElsewhereIsRefusedAtOnce()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var box = new BallotBox(account);
        var elsewhere = new BallotBox(account); // another host, or the orchestration's activity

        // Not opened: asked each time, so an opening elsewhere is seen at once.
        Assert.Null(await box.WindowAsync(Office, Period));
        await elsewhere.OpenAsync(Office, Period, Close.UtcDateTime);
        var requests = account.Requests.Count;
        Assert.Equal(Close.UtcDateTime, await box.WindowAsync(Office, Period));
        Assert.Equal(1, account.Requests.Count - requests);

        // Its close never changes (opened again, the first close stands): read once.
        requests = account.Requests.Count;
        Assert.Equal(Close.UtcDateTime, await box.WindowAsync(Office, Period));
        Assert.Equal(Close.UtcDateTime, await box.OpenAsync(Office, Period, Close.UtcDateTime.AddDays(1)));
        Assert.Equal(Close.UtcDateTime, await box.WindowAsync(Office, Period));
        Assert.Equal(1, account.Requests.Count - requests); // the second opening's refused insert, nothing read

        // A first answer: the seal read and one transaction.
        var receipt = BallotBox.NewReceipt();
        requests = account.Requests.Count;
        Assert.False(await box.CastAsync(Office, Period, "E0101", "D01", receipt, Questionnaire("E0101", _ => 80m)));
        Assert.Equal(2, account.Requests.Count - requests);
        // One whose caller says the box cannot be sealed yet (the close far off): the transaction alone.
        requests = account.Requests.Count;
        Assert.False(await box.CastAsync(Office, Period, "E0103", "D01", BallotBox.NewReceipt(), Questionnaire("E0103", _ => 70m), mayBeSealed: false));
        Assert.Equal(1, account.Requests.Count - requests);
        Assert.True(await box.CastAsync(Office, Period, "E0101", "D01", receipt, Questionnaire("E0101", _ => 85m)));
        Assert.Equal([new Participation("E0101", "D01", 1), new Participation("E0103", "D01", 0)], await box.ParticipationAsync(Office, Period));

        // Sealed elsewhere: the next answer is refused, nothing stored.
        await elsewhere.SealAsync(Office, Period, MinimumFive, Close);
        var before = await StorageSnapshot.TakeAsync(account);
        var late = await Assert.ThrowsAsync<BallotRefusedException>(() => box.CastAsync(Office, Period, "E0102", "D01", BallotBox.NewReceipt(), Questionnaire("E0102", _ => 90m)));
        Assert.Equal(BallotRefusal.Sealed, late.Reason);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        Assert.NotNull(await box.SealOfAsync(Office, Period));
    }

    [Fact]
    public async Task TheSeal_FoldsAnswersIntoCells_HidesAGroupBelowItsMinimum_AndRefusesEveryLaterAnswer()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var box = new BallotBox(account);
        var receipts = Raters.ToDictionary(r => r, _ => BallotBox.NewReceipt());
        foreach (var rater in Raters)
        {
            // E0106 cannot judge E0101: E0101 is rated by four — below the minimum of five.
            await box.CastAsync(Office, Period, rater, "D01", receipts[rater], Questionnaire(rater, s => rater == "E0106" && s == "E0101" ? null : 70m + Array.IndexOf(Raters, rater) * 5));
        }

        var seal = await box.SealAsync(Office, Period, MinimumFive, Close);
        var cells = await box.CellsAsync(Office, Period);

        Assert.Equal((Raters.Length * (Raters.Length - 1)) - 1, seal.Answers);
        Assert.Equal(BallotBox.Hash(cells), seal.Sha256);
        Assert.Equal(new SealedCell("E0101", "conduct-evaluation", "colleagues", 4, null, null, null), cells.Single(c => c.SubjectId == "E0101"));
        // E0102 is rated by E0101 (70), E0103 (80) … E0106 (95): five answers.
        Assert.Equal(new SealedCell("E0102", "conduct-evaluation", "colleagues", 5, 70m + 80m + 85m + 90m + 95m, 70m, 95m), cells.Single(c => c.SubjectId == "E0102"));
        Assert.Equal(seal, await box.SealAsync(Office, Period, MinimumFive, Close.AddHours(1)));

        var before = await StorageSnapshot.TakeAsync(account);
        var late = await Assert.ThrowsAsync<BallotRefusedException>(() => box.CastAsync(Office, Period, "E0101", "D01", receipts["E0101"], Questionnaire("E0101", _ => 100m)));
        Assert.Equal(BallotRefusal.Sealed, late.Reason);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        // Sealed, even the receipt finds no answer: they are folded into the cells.
        Assert.Empty((await box.OwnAsync(Office, Period, "E0101", "D01", receipts["E0101"], [("E0102", "conduct-evaluation", "colleagues")]))!);
    }

    [Fact]
    public async Task AStorageDump_CannotTellWhoAnsweredWhat_NeitherDuringTheWindowNorAfterTheSeal()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var box = new BallotBox(account);
        var receipts = Raters.ToDictionary(r => r, _ => BallotBox.NewReceipt());
        foreach (var rater in Raters)
        {
            await box.CastAsync(Office, Period, rater, "D01", receipts[rater], Questionnaire(rater, s => 60m + (Array.IndexOf(Raters, rater) * 7) + (Array.IndexOf(Raters, s) % 3)));
        }

        var rows = await DumpAsync(account);
        var answers = rows.Where(r => r.RowKey.StartsWith("b~", StringComparison.Ordinal)).ToList();
        var participants = rows.Where(r => r.RowKey.StartsWith("p~", StringComparison.Ordinal)).ToList();
        Assert.Equal(Raters.Length * (Raters.Length - 1), answers.Count);
        Assert.Equal(Raters.Length, participants.Count);

        // An answer row holds its subject, indicator, group and score, nothing else; its key names no rater, nor any
        // value derived from a rater's id that the operator could compute, nor a receipt's stored hash.
        var traces = Raters.SelectMany(r => new[] { r, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(r))) })
            .Concat(participants.Select(p => p.GetString("ReceiptHash")))
            .ToList();
        foreach (var answer in answers)
        {
            Assert.Equal(["Group", "IndicatorId", "PartitionKey", "RowKey", "Score", "SubjectId"],
                answer.Keys.Where(k => k is not ("odata.etag" or "Timestamp")).Order(StringComparer.Ordinal));
            Assert.DoesNotContain(traces, t => answer.RowKey.Contains(t, StringComparison.OrdinalIgnoreCase) || answer.PartitionKey.Contains(t, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(participants, p => answer.GetString("Score")?.Contains(p.GetString("ReceiptHash"), StringComparison.Ordinal) == true);
        }

        // No ordering joins them: the answer keys' order is not the order the raters answered in, nor theirs by id;
        // a participation row says nothing but who answered a section, under which receipt hash, how often revised.
        var byKey = answers.OrderBy(a => a.RowKey, StringComparer.Ordinal).Select(a => a.GetString("SubjectId")).ToList();
        var byCast = Raters.SelectMany(r => Questionnaire(r, _ => 0m).Select(a => a.SubjectId)).ToList();
        Assert.NotEqual(byCast, byKey);
        foreach (var participant in participants)
        {
            Assert.Equal(["PartitionKey", "RaterId", "ReceiptHash", "Revisions", "RowKey", "Section"],
                participant.Keys.Where(k => k is not ("odata.etag" or "Timestamp")).Order(StringComparer.Ordinal));
        }

        // With a receipt the answers are found (the rater's own view); without it, an operator knowing every
        // participation row cannot derive a single answer key from what is stored.
        var storedHashes = participants.Select(p => p.GetString("ReceiptHash")).ToHashSet(StringComparer.Ordinal);
        foreach (var rater in Raters)
        {
            Assert.Contains(Hex(SHA256.HashData(receipts[rater])), storedHashes);
            var derivedFromStored = Hex(HMACSHA256.HashData(Convert.FromHexString(participants.Single(p => p.GetString("RaterId") == rater).GetString("ReceiptHash")),
                Encoding.UTF8.GetBytes(string.Join('\n', "D01", Raters.First(s => s != rater), "conduct-evaluation", "colleagues"))));
            Assert.DoesNotContain(answers, a => a.RowKey.EndsWith(derivedFromStored, StringComparison.Ordinal));
        }

        // After the seal no answer row is left: only per-subject cells, the seal, and who answered.
        await box.SealAsync(Office, Period, MinimumFive, Close);
        var sealedRows = await DumpAsync(account);
        Assert.DoesNotContain(sealedRows, r => r.RowKey.StartsWith("b~", StringComparison.Ordinal));
        Assert.Equal(Raters.Length, sealedRows.Count(r => r.RowKey.StartsWith("c~", StringComparison.Ordinal)));
        Assert.All(sealedRows.Where(r => r.RowKey.StartsWith("c~", StringComparison.Ordinal)), c => Assert.Equal(Raters.Length - 1, c.GetInt32("Count")));
    }

    /// <summary>An office's box of a few pages is read page after page, a large one (more than
    /// <see cref="BallotBox.SequentialAnswers"/>) on in key ranges past the first page: either way the seal folds every
    /// answer exactly once and the purge leaves none.</summary>
    [Theory]
    [InlineData(25)] // 2,475 answers: three pages, one after another
    [InlineData(100)] // 9,900 answers: the first page shows a large box, the rest in ranges
    public async Task TheSealAndThePurge_ReadEveryAnswerOnce_WhateverTheBoxsSize(int raters)
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var box = new BallotBox(account);
        var subjects = Enumerable.Range(0, BallotBox.MaxAnswers).Select(i => $"S{i:000}").ToList();
        await Parallel.ForEachAsync(Enumerable.Range(0, raters), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (r, cancel) =>
            await box.CastAsync(Office, Period, $"R{r:000}", "D01", BallotBox.NewReceipt(), subjects.Select((s, i) => new BallotScore(s, "conduct-evaluation", "colleagues", 60m + ((r + i) % 41))).ToList(), cancel: cancel));

        var seal = await box.SealAsync(Office, Period, MinimumFive, Close);
        var cells = await box.CellsAsync(Office, Period);

        Assert.Equal(raters * BallotBox.MaxAnswers, seal.Answers);
        Assert.Equal(subjects, cells.Select(c => c.SubjectId).Order(StringComparer.Ordinal));
        Assert.All(cells, c => Assert.Equal(raters, c.Count));
        Assert.Equal(Enumerable.Range(0, raters).Sum(r => 60m + ((r + 7) % 41)), cells.Single(c => c.SubjectId == "S007").Sum);
        Assert.DoesNotContain(await DumpAsync(account), r => r.RowKey.StartsWith("b~", StringComparison.Ordinal));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static async Task<List<TableEntity>> DumpAsync(StorageAccount account)
    {
        var rows = new List<TableEntity>();
        await foreach (var e in account.Table(TableNames.Ballots).QueryAsync<TableEntity>())
        {
            rows.Add(e);
        }

        return rows;
    }
}
