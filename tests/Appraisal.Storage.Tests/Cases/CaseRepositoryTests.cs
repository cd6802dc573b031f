using System.Globalization;
using Appraisal.Domain.Cases;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Cases;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using static Appraisal.Storage.Tests.ScoredSample;

namespace Appraisal.Storage.Tests.Cases;

[Collection(AzuriteCollection.Name)]
public sealed class CaseRepositoryTests
{
    [Fact]
    public async Task APeriodsStoredCases_AggregateToTheSameIndicatorsAsTheCasesThemselves()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new CaseRepository(account);
        var data = Generate(Q1);
        var subjects = SubjectSet.For(SchemeB, data.Organisation);

        var imported = await repository.ImportAsync(OfficeId, data.Cases);
        var log = await repository.ForPeriodAsync(OfficeId, Q1);

        Assert.Equal(1953, imported);
        Assert.Equal(1880, log.Count);
        var expected = CaseAggregator.Aggregate(SchemeB, subjects, CaseLog.From(data.Cases), Q1);
        var actual = CaseAggregator.Aggregate(SchemeB, subjects, log, Q1);
        Assert.Equal(93, actual.SubjectCount);
        Assert.Equal(SchemeB.TargetIndicators.Count, actual.IndicatorCount);
        var measured = 0;
        for (var s = 0; s < subjects.Count; s++)
        {
            Assert.Equal(expected.Workload(s), actual.Workload(s));
            for (var t = 0; t < SchemeB.TargetIndicators.Count; t++)
            {
                Assert.Equal(expected[s, t], actual[s, t]);
                measured += actual[s, t].Value is null ? 0 : 1;
            }
        }

        Assert.InRange(measured, 1, subjects.Count * SchemeB.TargetIndicators.Count);
    }

    [Fact]
    public async Task APeriodsCases_AreExactlyThoseActiveInIt_FieldForField()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new CaseRepository(account);
        var data = Generate(Q1);
        await repository.ImportAsync(OfficeId, data.Cases);

        var log = await repository.ForPeriodAsync(OfficeId, Q1);

        var active = data.Cases.Where(c => c.Accepted <= Q1.End && (c.Closed ?? DateOnly.MaxValue) >= Q1.Start).ToList();
        Assert.Equal(active.Select(Text).Order(StringComparer.Ordinal), Enumerable.Range(0, log.Count).Select(i => Text(log[i])).Order(StringComparer.Ordinal));
        Assert.Contains(active, c => c.Closed is null);
        Assert.Contains(active, c => c.QualityFlags.Count > 0);
        Assert.Equal(0, (await repository.ForPeriodAsync(OfficeId, Period.Quarter(2025, 3))).Count);
        Assert.Equal(0, (await repository.ForPeriodAsync("another-office", Q1)).Count);
    }

    [Fact]
    public async Task ACaseSentAgain_ReplacesTheStoredOne_AndIsStillThereOnce()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new CaseRepository(account);
        var data = Generate(Q1);
        await repository.ImportAsync(OfficeId, data.Cases);
        var open = data.Cases.First(c => c.Closed is null && c.Accepted <= Q1.End);
        var closed = open with { Closed = Q1.End.AddDays(3), QualityFlags = ["returned"] };

        await repository.ImportAsync(OfficeId, [closed]);

        var log = await repository.ForPeriodAsync(OfficeId, Q1);
        Assert.Equal(1880, log.Count);
        var stored = Records(log).Single(c => c.CaseId == open.CaseId);
        Assert.Equal(Text(closed), Text(stored));
        Assert.Equal(log.Count, Records(log).Select(c => c.CaseId).Distinct().Count());
    }

    [Fact]
    public async Task APeriodsEdges_AcceptedOnItsLastDay_ClosedOnItsFirst_AndOpenCases_AreIn_TheDayBeyondIsOut()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new CaseRepository(account);
        await repository.ImportAsync(OfficeId,
        [
            Case("accepted-on-last-day", Q1.End, null),
            Case("accepted-after", Q1.End.AddDays(1), null),
            Case("closed-on-first-day", new DateOnly(2025, 11, 3), Q1.Start),
            Case("closed-before", new DateOnly(2025, 11, 3), Q1.Start.AddDays(-1)),
            Case("open-since-2024", new DateOnly(2024, 6, 1), null),
            Case("closed-after", new DateOnly(2026, 2, 1), Q2.End),
        ]);

        var log = await repository.ForPeriodAsync(OfficeId, Q1);

        Assert.Equal(["accepted-on-last-day", "closed-after", "closed-on-first-day", "open-since-2024"], Records(log).Select(c => c.CaseId));
        Assert.Equal(["accepted-after", "accepted-on-last-day", "closed-after", "open-since-2024"], Records(await repository.ForPeriodAsync(OfficeId, Q2)).Select(c => c.CaseId));
    }

    [Fact]
    public async Task ACorrectedAcceptanceDay_MovesTheCaseToItsPart_NeverTwice()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new CaseRepository(account);
        await repository.ImportAsync(OfficeId, [Case("a", new DateOnly(2026, 1, 10), null), Case("b", new DateOnly(2025, 12, 1), null), Case("c", new DateOnly(2026, 2, 1), null)]);

        await repository.ImportAsync(OfficeId, [Case("a", new DateOnly(2025, 12, 20), null)]);

        Assert.Equal(["a", "b", "c"], Records(await repository.ForPeriodAsync(OfficeId, Q1)).Select(c => c.CaseId));
        Assert.Equal(new DateOnly(2025, 12, 20), Records(await repository.ForPeriodAsync(OfficeId, Q1)).Single(c => c.CaseId == "a").Accepted);
        Assert.Equal(["a", "b"], Records(await repository.ForPeriodAsync(OfficeId, Period.Quarter(2025, 4))).Select(c => c.CaseId));

        // Back again, and its old year emptied of it: still once, and the superseded blobs are gone.
        await repository.ImportAsync(OfficeId, [Case("a", new DateOnly(2026, 3, 1), null), Case("b", new DateOnly(2026, 1, 5), null)]);

        Assert.Equal(["a", "b", "c"], Records(await repository.ForPeriodAsync(OfficeId, Q1)).Select(c => c.CaseId));
        Assert.Empty(Records(await repository.ForPeriodAsync(OfficeId, Period.Quarter(2025, 4))));
        Assert.Equal(["sample-basic/manifest.json.gz"], await BlobsAsync(account));
    }

    [Fact]
    public async Task TwoImportsIntoOneOffice_AtTheSameTime_BothKeepTheirCases()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var other = new CaseRepository(account);
        await other.ImportAsync(OfficeId, [Case("first", new DateOnly(2026, 1, 2), null)]);
        var raced = 0;

        // The second import's commit is held until the first import, started then, has committed: its ETag is stale.
        var racing = new StorageAccount(account.Options, new BeforeCommit(async () =>
        {
            if (Interlocked.Increment(ref raced) == 1)
            {
                await other.ImportAsync(OfficeId, [Case("from-the-other", new DateOnly(2025, 12, 30), null), Case("first", new DateOnly(2026, 1, 2), Q1.End)]);
            }
        }));
        await new CaseRepository(racing).ImportAsync(OfficeId, [Case("from-this", new DateOnly(2026, 2, 2), null)]);

        Assert.Equal(2, raced);
        var log = Records(await other.ForPeriodAsync(OfficeId, Q1));
        Assert.Equal(["first", "from-the-other", "from-this"], log.Select(c => c.CaseId));
        Assert.Equal(Q1.End, log[0].Closed);

        var many = Enumerable.Range(0, 6).Select(i => new CaseRepository(account).ImportAsync(OfficeId, [Case($"many-{i}", new DateOnly(2025 + (i % 2), 3, 1 + i), null)]));
        await Task.WhenAll(many);
        Assert.Equal(9, (await other.ForPeriodAsync(OfficeId, Q1)).Count);
    }

    [Fact]
    public async Task AnImportStoppedBeforeItsCommit_ChangesNothing_AndRunAgain_StoresEachCaseOnce()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new CaseRepository(account);
        await repository.ImportAsync(OfficeId, [Case("a", new DateOnly(2026, 1, 10), null)]);
        var resend = new[] { Case("a", new DateOnly(2025, 12, 10), null), Case("b", new DateOnly(2026, 1, 11), null) };

        var crashing = new StorageAccount(account.Options, new BeforeCommit(() => throw new InvalidOperationException("the process stopped")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => new CaseRepository(crashing).ImportAsync(OfficeId, resend));

        Assert.Equal(["a"], Records(await repository.ForPeriodAsync(OfficeId, Q1)).Select(c => c.CaseId));
        Assert.Equal(new DateOnly(2026, 1, 10), Records(await repository.ForPeriodAsync(OfficeId, Q1))[0].Accepted);

        await repository.ImportAsync(OfficeId, resend);

        var log = Records(await repository.ForPeriodAsync(OfficeId, Q1));
        Assert.Equal(["a", "b"], log.Select(c => c.CaseId));
        Assert.Equal(new DateOnly(2025, 12, 10), log[0].Accepted);
    }

    [Fact]
    public async Task ACommitWhoseAnswerWasLost_AndWhoseRetryMetItsOwnManifest_KeepsThePartsItNames()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        await new CaseRepository(account).ImportAsync(OfficeId, [Case("a", new DateOnly(2026, 1, 10), null)]);
        var lost = 0;
        var losing = new StorageAccount(account.Options, new AfterCommit(() =>
        {
            if (Interlocked.Increment(ref lost) == 1)
            {
                throw new IOException("the connection was reset after the manifest was written");
            }
        }));

        await new CaseRepository(losing).ImportAsync(OfficeId, [Case("a", new DateOnly(2026, 1, 10), new DateOnly(2026, 2, 1)), Case("b", new DateOnly(2026, 1, 11), new DateOnly(2026, 3, 1))]);

        Assert.Equal(2, lost);
        Assert.Equal(["a", "b"], Records(await new CaseRepository(account).ForPeriodAsync(OfficeId, Q1)).Select(c => c.CaseId));
        Assert.Equal(["sample-basic/closed-2026/", "sample-basic/manifest.json.gz"], await BlobsAsync(account));
    }

    [Fact]
    public async Task APeriodsRead_FetchesTheManifestAndOnlyThePartsThatCanHoldItsCases()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new CaseRepository(account);
        await repository.ImportAsync(OfficeId,
        [
            Case("2023-closed", new DateOnly(2023, 3, 1), new DateOnly(2023, 5, 1)),
            Case("2024-closed", new DateOnly(2024, 3, 1), new DateOnly(2025, 12, 31)),
            Case("2025-open", new DateOnly(2025, 3, 1), null),
            Case("2026", new DateOnly(2026, 1, 5), null),
            Case("2026-closed", new DateOnly(2026, 1, 10), new DateOnly(2026, 2, 1)),
            Case("2027", new DateOnly(2027, 1, 5), null),
        ]);

        // The manifest (which holds the open cases) and the part closed in 2026: not those closed in 2023 or 2025.
        var before = account.Requests.Count;
        var log = await repository.ForPeriodAsync(OfficeId, Q1);

        Assert.Equal(2, account.Requests.Count - before);
        Assert.Equal(["2025-open", "2026", "2026-closed"], Records(log).Select(c => c.CaseId));

        // 2025-Q4 adds the part closed in 2025; the part closed in 2026 holds no case accepted by then, but Q1 needs it.
        before = account.Requests.Count;
        var quarters = await repository.ForPeriodsAsync(OfficeId, [Period.Quarter(2025, 4), Q1]);
        Assert.Equal(3, account.Requests.Count - before);
        Assert.Equal(["2024-closed", "2025-open"], Records(quarters[Period.Quarter(2025, 4)]).Select(c => c.CaseId));
        Assert.Equal(["2025-open", "2026", "2026-closed"], Records(quarters[Q1]).Select(c => c.CaseId));

        before = account.Requests.Count;
        Assert.Equal(["2024-closed", "2025-open"], Records(await repository.ForPeriodAsync(OfficeId, Period.Quarter(2025, 4))).Select(c => c.CaseId));
        Assert.Equal(2, account.Requests.Count - before);
    }

    [Fact]
    public async Task CasesStoredAsTableRowsBefore_AreReadAndMovedToBlobs_Once()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var table = account.Table(TableNames.Cases);
        await table.AddEntityAsync(Row("old-open", "P001", "审查逮捕", "2025-11-02", "9999-12-31", "2025-11-09", ""));
        var closed = Row("old-closed", "P002", "审查起诉", "2026-01-04", "2026-02-01", "2026-02-04", "returned;overdue");
        closed["Class"] = "实体性";
        await table.AddEntityAsync(closed);
        var repository = new CaseRepository(account);

        var log = Records(await repository.ForPeriodAsync(OfficeId, Q1));

        Assert.Equal(["old-closed", "old-open"], log.Select(c => c.CaseId));
        Assert.Equal("old-closed|P002|D01|审查起诉|2026-01-04|2026-02-01|2026-02-04|overdue;returned", Text(log[0]));
        Assert.Equal("实体性", log[0].Class);
        Assert.Null(log[1].Closed);
        Assert.Equal(["sample-basic/closed-2026/", "sample-basic/manifest.json.gz"], await BlobsAsync(account));

        await repository.ImportAsync(OfficeId, [Case("old-open", new DateOnly(2025, 11, 2), new DateOnly(2026, 1, 20))]);
        Assert.Equal(["old-closed", "old-open"], Records(await repository.ForPeriodAsync(OfficeId, Q1)).Select(c => c.CaseId));
        Assert.Equal(new DateOnly(2026, 1, 20), Records(await repository.ForPeriodAsync(OfficeId, Q1))[1].Closed);
    }

    /// <summary>Runs <paramref name="action"/> after each attempt to write an office's case manifest has been answered.</summary>
    private sealed class AfterCommit(Action action) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (message.Request.Method == RequestMethod.Put && message.Request.Uri.Path.EndsWith("/manifest.json.gz", StringComparison.Ordinal))
            {
                action();
            }
        }
    }

    private static CaseRecord Case(string id, DateOnly accepted, DateOnly? closed) => new()
    {
        CaseId = id,
        HandlerId = "P001",
        DepartmentId = "D01",
        CaseType = "审查起诉",
        Accepted = accepted,
        Closed = closed,
        TimeLimit = accepted.AddDays(45),
    };

    /// <summary>A case as the Cases table held it before cases were packed in blobs (open: closed on 9999-12-31).</summary>
    private static TableEntity Row(string id, string handler, string type, string accepted, string closed, string due, string flags) => new(OfficeId, id)
    {
        ["HandlerId"] = handler,
        ["DepartmentId"] = "D01",
        ["CaseType"] = type,
        ["Accepted"] = accepted,
        ["Closed"] = closed,
        ["TimeLimit"] = due,
        ["Flags"] = flags,
    };

    private static List<CaseRecord> Records(CaseLog log) => [.. Enumerable.Range(0, log.Count).Select(i => log[i])];

    /// <summary>The case container's blobs, each part named by its office and part only.</summary>
    private static async Task<List<string>> BlobsAsync(StorageAccount account)
    {
        var names = new List<string>();
        await foreach (var blob in account.Container(ContainerNames.Cases).GetBlobsAsync())
        {
            names.Add(blob.Name.Count(c => c == '/') == 2 ? blob.Name[..(blob.Name.LastIndexOf('/') + 1)] : blob.Name);
        }

        return names;
    }

    /// <summary>Runs <paramref name="action"/> before each attempt to write an office's case manifest (the import's commit).</summary>
    private sealed class BeforeCommit(Func<Task> action) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Method == RequestMethod.Put && message.Request.Uri.Path.EndsWith("/manifest.json.gz", StringComparison.Ordinal))
            {
                await action();
            }

            await ProcessNextAsync(message, pipeline);
        }
    }

    private static string Text(CaseRecord c) => string.Create(CultureInfo.InvariantCulture,
        $"{c.CaseId}|{c.HandlerId}|{c.DepartmentId}|{c.CaseType}|{c.Accepted:O}|{c.Closed:O}|{c.TimeLimit:O}|{string.Join(';', c.QualityFlags.Order(StringComparer.Ordinal))}");
}
