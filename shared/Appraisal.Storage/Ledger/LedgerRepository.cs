using System.Globalization;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Infrastructure;

namespace Appraisal.Storage.Ledger;

/// <summary>Ledger entries (台帐) of a period: partition = <c>office~period</c>, row = <c>scheme~subject~NNNNN</c>;
/// each entry keeps its evidence reference (a SHA-256 once the file is stored).</summary>
public sealed class LedgerRepository(StorageAccount account)
{
    private readonly RecordTable<LedgerEntry> _records = new(account, TableNames.Ledger);

    public static string Partition(string officeId, string period) => Keys.Join("ledger", officeId, period);

    /// <summary>Adds a period's entries for a scheme; entries already stored for it conflict rather than being overwritten.</summary>
    public Task<int> AddAsync(string officeId, string period, string schemeId, IReadOnlyList<LedgerEntry> entries, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var partition = Partition(officeId, period);
        return _records.AddManyAsync(entries.Select((e, i) => (partition, Keys.Join("ledger", schemeId, e.SubjectId, i.ToString("D5", CultureInfo.InvariantCulture)), e)), cancel);
    }

    public async Task<IReadOnlyList<LedgerEntry>> ForSubjectAsync(string officeId, string period, string schemeId, string subjectId, CancellationToken cancel = default) =>
        (await _records.QueryAsync(Partition(officeId, period), Keys.Join("ledger", schemeId, subjectId) + Keys.Separator, cancel).ConfigureAwait(false))
            .Select(r => r.Value).ToList();
}
