using Appraisal.Storage.Infrastructure;
using Azure;

namespace Appraisal.Storage.Cycles;

/// <summary>Cycles: partition = office, row = period. Created once (a second start conflicts); stage changes under the ETag.</summary>
public sealed class CycleRepository(StorageAccount account)
{
    private readonly RecordTable<CycleRecord> _records = new(account, TableNames.Cycles);

    public Task<Stored<CycleRecord>> CreateAsync(CycleRecord cycle, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return _records.AddAsync(Keys.Join("officeId", cycle.OfficeId), Keys.Join("period", cycle.Period), cycle, cancel);
    }

    public Task<Stored<CycleRecord>?> GetAsync(string officeId, string period, CancellationToken cancel = default) =>
        _records.GetAsync(Keys.Join("officeId", officeId), Keys.Join("period", period), cancel);

    public Task<Stored<CycleRecord>> UpdateAsync(CycleRecord cycle, ETag etag, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return _records.ReplaceAsync(Keys.Join("officeId", cycle.OfficeId), Keys.Join("period", cycle.Period), cycle, etag, cancel);
    }

    public Task<IReadOnlyList<Stored<CycleRecord>>> ForOfficeAsync(string officeId, CancellationToken cancel = default) =>
        _records.QueryAsync(Keys.Join("officeId", officeId), null, cancel);
}
