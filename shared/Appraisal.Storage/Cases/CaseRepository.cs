using System.Globalization;
using Appraisal.Domain.Cases;
using Appraisal.Domain.Periods;
using Appraisal.Storage.Infrastructure;
using Azure.Data.Tables;

namespace Appraisal.Storage.Cases;

/// <summary>Case records from the case-management system: partition = office, row = case id. They are machine-fed
/// and re-sent as cases progress, so an import upserts them (no person edits these rows). A period's cases are the
/// office partition filtered on acceptance and closing days (stored as ISO text, which sorts by date).</summary>
public sealed class CaseRepository(StorageAccount account)
{
    private const string OpenClosed = "9999-12-31";
    private readonly TableClient _table = account.Table(TableNames.Cases);

    public async Task<int> ImportAsync(string officeId, IEnumerable<CaseRecord> records, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var partition = Keys.Join("officeId", officeId);
        var actions = records.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, Keys.Join("case_id", r.CaseId))
        {
            ["HandlerId"] = r.HandlerId,
            ["DepartmentId"] = r.DepartmentId,
            ["CaseType"] = r.CaseType,
            ["Accepted"] = Day(r.Accepted),
            ["Closed"] = r.Closed is { } closed ? Day(closed) : OpenClosed,
            ["TimeLimit"] = Day(r.TimeLimit),
            ["Flags"] = string.Join(';', r.QualityFlags),
            ["Class"] = r.Class,
        })).ToList();
        await TableBatch.SubmitAsync(_table, actions, account.Options.WriteParallelism, cancel).ConfigureAwait(false);
        return actions.Count;
    }

    /// <summary>The cases active in a period: accepted by its last day and not closed before its first.</summary>
    /// <summary>The case records of each of <paramref name="periods"/> (a relative target's reference quarters), read at
    /// once, one query each; none read for none.</summary>
    public async Task<IReadOnlyDictionary<Period, CaseLog>> ForPeriodsAsync(string officeId, IReadOnlyCollection<Period> periods, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var logs = await Task.WhenAll(periods.Select(p => ForPeriodAsync(officeId, p, cancel))).ConfigureAwait(false);
        return periods.Zip(logs).ToDictionary(x => x.First, x => x.Second);
    }

    public async Task<CaseLog> ForPeriodAsync(string officeId, Period period, CancellationToken cancel = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Keys.Join("officeId", officeId)} and Accepted le {Day(period.End)} and Closed ge {Day(period.Start)}");
        var log = new CaseLog();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancel).ConfigureAwait(false))
        {
            var closed = e.GetString("Closed");
            log.Add(e.RowKey, e.GetString("HandlerId"), e.GetString("DepartmentId"), e.GetString("CaseType"), Parse(e.GetString("Accepted")),
                closed == OpenClosed ? null : Parse(closed), Parse(e.GetString("TimeLimit")),
                (e.GetString("Flags") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries), e.GetString("Class"));
        }

        return log;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Parse(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
