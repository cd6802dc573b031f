using System.Globalization;
using Appraisal.Domain.Cases;
using Appraisal.Domain.Periods;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Cases;
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
    public async Task ACaseSentAgain_ReplacesItsRow()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new CaseRepository(account);
        var data = Generate(Q1);
        await repository.ImportAsync(OfficeId, data.Cases);
        var open = data.Cases.First(c => c.Closed is null && c.Accepted <= Q1.End);
        var closed = open with { Closed = Q1.End.AddDays(3), QualityFlags = ["returned"] };

        await repository.ImportAsync(OfficeId, [closed]);

        var rows = 0;
        await foreach (var row in account.Table(TableNames.Cases).QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            rows++;
        }

        Assert.Equal(data.Cases.Count, rows);
        var log = await repository.ForPeriodAsync(OfficeId, Q1);
        var stored = Enumerable.Range(0, log.Count).Select(i => log[i]).Single(c => c.CaseId == open.CaseId);
        Assert.Equal(Text(closed), Text(stored));
    }

    private static string Text(CaseRecord c) => string.Create(CultureInfo.InvariantCulture,
        $"{c.CaseId}|{c.HandlerId}|{c.DepartmentId}|{c.CaseType}|{c.Accepted:O}|{c.Closed:O}|{c.TimeLimit:O}|{string.Join(';', c.QualityFlags.Order(StringComparer.Ordinal))}");
}
