using System.Globalization;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Infrastructure;

namespace Appraisal.Storage.Ledger;

/// <summary>Ledger entries (台帐) of a period: partition = <c>office~period</c>, row = <c>scheme~subject~batch~NNNNN</c>;
/// each entry keeps its evidence reference (a SHA-256 once the file is stored). A batch is one submission or import:
/// later batches add to earlier ones, and the same batch again conflicts instead of doubling the entries.</summary>
public sealed class LedgerRepository(StorageAccount account)
{
    private readonly RecordTable<LedgerEntry> _records = new(account, TableNames.Ledger);

    public static string Partition(string officeId, string period) => Keys.Join("ledger", officeId, period);

    /// <summary>Adds a batch of a period's entries for a scheme; the same batch stored again conflicts (409) rather than
    /// being overwritten or doubled.</summary>
    public Task<int> AddAsync(string officeId, string period, string schemeId, string batchId, IReadOnlyList<LedgerEntry> entries, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Keys.Check("batchId", batchId);
        var partition = Partition(officeId, period);
        return _records.AddManyAsync(entries.Select((e, i) => (partition, Keys.Join("ledger", schemeId, e.SubjectId, batchId, i.ToString("D5", CultureInfo.InvariantCulture)), e)), cancel);
    }

    /// <summary>Every entry of a period for a scheme, in the order stored (batch by batch).</summary>
    public async Task<IReadOnlyList<LedgerEntry>> ForPeriodAsync(string officeId, string period, string schemeId, CancellationToken cancel = default) =>
        (await _records.QueryAsync(Partition(officeId, period), Keys.Join("ledger", schemeId) + Keys.Separator, cancel).ConfigureAwait(false))
            .Select(r => r.Value).ToList();

    public async Task<IReadOnlyList<LedgerEntry>> ForSubjectAsync(string officeId, string period, string schemeId, string subjectId, CancellationToken cancel = default) =>
        (await _records.QueryAsync(Partition(officeId, period), Keys.Join("ledger", schemeId, subjectId) + Keys.Separator, cancel).ConfigureAwait(false))
            .Select(r => r.Value).ToList();
}
