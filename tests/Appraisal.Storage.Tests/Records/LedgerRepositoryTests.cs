using Appraisal.Storage.Ledger;
using static Appraisal.Storage.Tests.ScoredSample;

namespace Appraisal.Storage.Tests.Records;

[Collection(AzuriteCollection.Name)]
public sealed class LedgerRepositoryTests
{
    [Fact]
    public async Task APeriodsEntries_ReadBackPerSubject_InTheirOrder()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new LedgerRepository(account);
        var entries = Generate(Q1).Ledger[SchemeB.Id];

        var sent = await repository.AddAsync(OfficeId, "2026-Q1", SchemeB.Id, "import-1", entries);

        Assert.Equal(56, entries.Count);
        Assert.Equal(1, sent);
        var subjects = entries.Select(e => e.SubjectId).Distinct().ToList();
        Assert.InRange(subjects.Count, 2, 56);
        foreach (var subject in subjects)
        {
            Assert.Equal(
                entries.Where(e => e.SubjectId == subject).Select(Document),
                (await repository.ForSubjectAsync(OfficeId, "2026-Q1", SchemeB.Id, subject)).Select(Document));
        }

        Assert.Empty(await repository.ForSubjectAsync(OfficeId, "2026-Q1", SchemeB.Id, "E9999"));
        Assert.Empty(await repository.ForSubjectAsync(OfficeId, "2026-Q2", SchemeB.Id, subjects[0]));
        Assert.Empty(await repository.ForSubjectAsync(OfficeId, "2026-Q1", "template-a", subjects[0]));
    }

    [Fact]
    public async Task AddingTheSameEntriesAgain_Conflicts_AndChangesNothing()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new LedgerRepository(account);
        var sample = Generate(Q1).Ledger[SchemeB.Id];
        var entries = Enumerable.Range(0, 250).Select(i => sample[i % sample.Count] with { Occurrences = 1 + (i % 4) }).ToList();
        Assert.Equal(3, await repository.AddAsync(OfficeId, "2026-Q1", SchemeB.Id, "import-1", entries));
        var before = await StorageSnapshot.TakeAsync(account);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => repository.AddAsync(OfficeId, "2026-Q1", SchemeB.Id, "import-1", entries));

        Assert.Equal(409, conflict.Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
    }

    [Fact]
    public async Task ASubjectIdIsNotAPrefixOfAnother()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new LedgerRepository(account);
        var entry = Generate(Q1).Ledger[SchemeB.Id][0];

        await repository.AddAsync(OfficeId, "2026-Q1", SchemeB.Id, "import-1", [entry with { SubjectId = "E001" }, entry with { SubjectId = "E0010" }, entry with { SubjectId = "E001", Occurrences = 2 }]);

        Assert.Equal([1, 2], (await repository.ForSubjectAsync(OfficeId, "2026-Q1", SchemeB.Id, "E001")).Select(e => e.Occurrences));
        Assert.Equal(["E0010"], (await repository.ForSubjectAsync(OfficeId, "2026-Q1", SchemeB.Id, "E0010")).Select(e => e.SubjectId));
    }

    [Fact]
    public async Task ALaterBatch_AddsToTheEarlierOne_InsteadOfColliding()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new LedgerRepository(account);
        var entry = Generate(Q1).Ledger[SchemeB.Id][0] with { SubjectId = "E0007" };

        await repository.AddAsync(OfficeId, "2026-Q1", SchemeB.Id, "submission-1", [entry]);
        await repository.AddAsync(OfficeId, "2026-Q1", SchemeB.Id, "submission-2", [entry with { Occurrences = 3 }]);

        Assert.Equal([entry.Occurrences, 3], (await repository.ForSubjectAsync(OfficeId, "2026-Q1", SchemeB.Id, "E0007")).Select(e => e.Occurrences));
    }
}
