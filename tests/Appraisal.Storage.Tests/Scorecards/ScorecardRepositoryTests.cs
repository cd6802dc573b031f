using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Scorecards;
using Azure.Data.Tables;
using static Appraisal.Storage.Tests.ScoredSample;

namespace Appraisal.Storage.Tests.Scorecards;

[Collection(AzuriteCollection.Name)]
public sealed class ScorecardRepositoryTests
{
    [Theory]
    [InlineData(215, 93)]
    [InlineData(520, 206)]
    public async Task AFreshSave_ReadsBackTheSameCards_InOneTransactionPerHundred(int people, int subjects)
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new ScorecardRepository(account);
        var cards = Score(Generate(Q1, people), Q1);
        Assert.Equal(subjects, cards.Count);

        var sent = await repository.SaveAsync(OfficeId, cards);

        Assert.Equal((subjects + 99) / 100, sent);
        var expected = cards.OrderBy(c => c.SubjectId, StringComparer.Ordinal).Select(Document).ToList();
        Assert.Equal(expected, (await repository.ForPeriodAsync(OfficeId, "2026-Q1")).Select(Document));
        Assert.Equal(expected, (await repository.ForPeriodAsync(OfficeId, "2026-Q1", SchemeB.Id)).Select(Document));
        Assert.Empty(await repository.ForPeriodAsync(OfficeId, "2026-Q2"));
        Assert.Empty(await repository.ForPeriodAsync(OfficeId, "2026-Q1", "template-a"));
        Assert.Empty(await repository.ForPeriodAsync("another-office", "2026-Q1"));
    }

    [Fact]
    public async Task TwoHundredFiftyCards_AreSentAsExactlyThreeTransactions()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new ScorecardRepository(account);
        var scored = Score(Generate(Q1), Q1);
        var cards = Enumerable.Range(1, 250)
            .Select(i => scored[i % scored.Count] with { SubjectId = string.Create(CultureInfo.InvariantCulture, $"S{i:D4}") })
            .ToList();
        var requestsBefore = account.Requests.Count;

        var sent = await repository.SaveAsync(OfficeId, cards);

        Assert.Equal(3, sent);
        Assert.Equal(3, account.Requests.Count - requestsBefore);
        Assert.Equal(cards.Select(Document), (await repository.ForPeriodAsync(OfficeId, "2026-Q1")).Select(Document));
    }

    [Fact]
    public async Task SavingAgainBeforeFinal_ReplacesTheCards_AndAddsNewSubjects()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new ScorecardRepository(account);
        var data = Generate(Q1);
        var first = Score(data, Q1);
        await repository.SaveAsync(OfficeId, first);
        var rescored = Score(data, Q1, r => r with { Score = Math.Max(40m, r.Score - 10m) }).ToList();
        var newcomer = rescored[0] with { SubjectId = "E9999", SubjectName = "新入额检察官" };
        Assert.All(rescored.Zip(first), pair => Assert.NotEqual(pair.Second.Total, pair.First.Total));
        var requestsBefore = account.Requests.Count;

        var sent = await repository.SaveAsync(OfficeId, [.. rescored, newcomer]);

        // One transaction of 94 rows: refused (rows exist), one range query for their ETags, one replacing transaction.
        Assert.Equal(2, sent);
        Assert.Equal(3, account.Requests.Count - requestsBefore);
        var read = await repository.ForPeriodAsync(OfficeId, "2026-Q1");
        Assert.Equal(rescored.Append(newcomer).Select(Document), read.Select(Document));
    }

    [Fact]
    public async Task AfterFinalise_ChangedCardsAreRefused_AndStorageIsUnchanged()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new ScorecardRepository(account);
        var data = Generate(Q1);
        var cards = Score(data, Q1);
        await repository.SaveAsync(OfficeId, cards);
        await repository.FinaliseAsync(OfficeId, "2026-Q1", SchemeB.Id);
        var changed = Score(data, Q1, r => r with { Score = 100m });
        var before = await StorageSnapshot.TakeAsync(account);

        var refused = await Assert.ThrowsAsync<ImmutableRecordException>(() => repository.SaveAsync(OfficeId, changed));

        Assert.Contains("final", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        Assert.Equal(cards.Select(Document), (await repository.ForPeriodAsync(OfficeId, "2026-Q1")).Select(Document));
        var finalRows = 0;
        await foreach (var row in account.Table(TableNames.Scorecards).QueryAsync<TableEntity>(e => e.PartitionKey == OfficeId))
        {
            Assert.True(row.GetBoolean("Final"), row.RowKey);
            finalRows++;
        }

        Assert.Equal(cards.Count, finalRows);
    }

    [Fact]
    public async Task FinalisingOneScheme_LeavesAnotherSchemeOfTheSamePeriodReplaceable()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new ScorecardRepository(account);
        var data = Generate(Q1);
        var cards = Score(data, Q1);
        var otherScheme = cards.Select(c => c with { SchemeId = "template-b2" }).ToList();
        await repository.SaveAsync(OfficeId, [.. cards, .. otherScheme]);
        await repository.FinaliseAsync(OfficeId, "2026-Q1", SchemeB.Id);
        var rescored = Score(data, Q1, r => r with { Score = 100m }).Select(c => c with { SchemeId = "template-b2" }).ToList();

        await repository.SaveAsync(OfficeId, rescored);

        Assert.Equal(rescored.Select(Document), (await repository.ForPeriodAsync(OfficeId, "2026-Q1", "template-b2")).Select(Document));
        Assert.Equal(cards.Select(Document), (await repository.ForPeriodAsync(OfficeId, "2026-Q1", SchemeB.Id)).Select(Document));
    }

    [Fact]
    public async Task ForSubject_ReturnsTheSubjectsCardsAcrossPeriods_OldestFirst()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new ScorecardRepository(account);
        var q1 = Score(Generate(Q1), Q1);
        var q2 = Score(Generate(Q2), Q2);
        await repository.SaveAsync(OfficeId, q2);
        await repository.SaveAsync(OfficeId, q1);

        var dossier = await repository.ForSubjectAsync(OfficeId, "E0005");

        Assert.Equal(
            [Document(q1.Single(c => c.SubjectId == "E0005")), Document(q2.Single(c => c.SubjectId == "E0005"))],
            dossier.Select(Document));
        Assert.Equal(["2026-Q1", "2026-Q2"], dossier.Select(c => c.Period));
        Assert.Empty(await repository.ForSubjectAsync(OfficeId, "E9999"));
        Assert.Empty(await repository.ForSubjectAsync("another-office", "E0005"));
    }

    [Theory]
    [InlineData("E/0001")]
    [InlineData("E#0001")]
    [InlineData("E\u00010001")]
    [InlineData("E\n0001")]
    public async Task ASubjectIdThatCannotBeAKey_IsRefusedBeforeAnythingIsStored(string subjectId)
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new ScorecardRepository(account);
        var cards = Score(Generate(Q1), Q1);
        var before = await StorageSnapshot.TakeAsync(account);

        var refused = await Assert.ThrowsAsync<StorageKeyException>(() => repository.SaveAsync(OfficeId, [.. cards, cards[0] with { SubjectId = subjectId }]));
        var query = await Assert.ThrowsAsync<StorageKeyException>(() => repository.ForSubjectAsync(OfficeId, subjectId));

        Assert.Equal("scorecard", refused.Field);
        Assert.Equal(subjectId, refused.Value);
        Assert.Equal("subjectId", query.Field);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        Assert.Empty(await repository.ForPeriodAsync(OfficeId, "2026-Q1"));
    }

    [Fact]
    public async Task TheSameSubjectTwiceInOneSave_IsRefused()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new ScorecardRepository(account);
        var cards = Score(Generate(Q1), Q1);
        var before = await StorageSnapshot.TakeAsync(account);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => repository.SaveAsync(OfficeId, [.. cards, cards[3]]));

        Assert.Contains($"found 2026-Q1~template-b~{cards[3].SubjectId} twice", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
    }

    [Fact]
    public async Task AScorecardTooLargeForOneRow_IsRefused_AndNothingIsStored()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new ScorecardRepository(account);
        var cards = Score(Generate(Q1), Q1);
        var random = new Random(7);
        var lines = Enumerable.Range(0, 4000).Select(i =>
        {
            var noise = new byte[375];
            random.NextBytes(noise);
            return new ScoreLine(cards[0].Categories[0].Category, LineKind.LedgerBonus, LineOutcome.Applied, 0.25m, 0.05m, item: "bonus",
                entry: new LedgerEntry { SubjectId = cards[0].SubjectId, ItemId = "bonus", Occurrences = 1, Note = Convert.ToBase64String(noise) });
        }).ToList();
        var before = await StorageSnapshot.TakeAsync(account);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => repository.SaveAsync(OfficeId, [.. cards.Skip(1), cards[0] with { Lines = lines }]));

        Assert.Equal("card", refused.ParamName);
        Assert.StartsWith($"scorecard of {cards[0].SubjectId}: expected at most 917504 compressed bytes, found ", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
    }

    [Fact]
    public async Task AScorecardOfThreeThousandLines_IsPackedIntoSeveralChunks_AndRoundTrips()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new ScorecardRepository(account);
        var card = Score(Generate(Q1), Q1)[0];
        var category = card.Categories[0].Category;
        var lines = Enumerable.Range(0, 3000).Select(i => new ScoreLine(category, LineKind.LedgerBonus, LineOutcome.Applied, 0.25m, 0.05m,
            item: "bonus-" + (i % 7).ToString(CultureInfo.InvariantCulture), units: 1 + (i % 3), entry: new LedgerEntry
            {
                SubjectId = card.SubjectId,
                ItemId = "bonus-" + (i % 7).ToString(CultureInfo.InvariantCulture),
                Occurrences = 1 + (i % 3),
                Evidence = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("evidence " + i.ToString(CultureInfo.InvariantCulture)))),
                Note = string.Create(CultureInfo.InvariantCulture, $"第{i}项台帐：办理典型案例并形成材料"),
            })).ToList();
        var large = card with { Lines = lines, Total = 150.00m };

        await repository.SaveAsync(OfficeId, [large]);

        Assert.Equal(Document(large), Document(Assert.Single(await repository.ForSubjectAsync(OfficeId, card.SubjectId))));
        var row = (await account.Table(TableNames.Scorecards).GetEntityAsync<TableEntity>(OfficeId, ScorecardRepository.Row("2026-Q1", SchemeB.Id, card.SubjectId))).Value;
        var chunks = row.GetInt32("DataChunks")!.Value;
        Assert.InRange(chunks, 2, 14);
        for (var i = 0; i < chunks - 1; i++)
        {
            Assert.Equal(64 * 1024, row.GetBinary("Data" + i.ToString(CultureInfo.InvariantCulture)).Length);
        }

        Assert.InRange(row.GetBinary("Data" + (chunks - 1).ToString(CultureInfo.InvariantCulture)).Length, 1, 64 * 1024);
        Assert.False(row.ContainsKey("Data" + chunks.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal("150.00", row.GetString("Total"));
        Assert.Equal(card.SubjectId, row.GetString("SubjectId"));
    }
}
