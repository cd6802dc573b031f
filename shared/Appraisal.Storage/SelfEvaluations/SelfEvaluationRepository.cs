using Appraisal.Storage.Infrastructure;

namespace Appraisal.Storage.SelfEvaluations;

/// <summary>What storing a self-evaluation did: stored it first, took a revision of it, or found the same request
/// (the same Idempotency-Key) already stored and changed nothing.</summary>
public enum SelfEvaluationWrite
{
    Stored,
    Revised,
    Repeated,
}

/// <summary>Self-evaluations: partition = <c>office~period~department</c> (a department head reads theirs in one
/// query), row = the person. The same Idempotency-Key again is the same request; another key revises, under the
/// row's ETag, so two revisions at once conflict instead of one overwriting the other.</summary>
public sealed class SelfEvaluationRepository(StorageAccount account)
{
    private readonly RecordTable<SelfEvaluationRecord> _records = new(account, TableNames.SelfEvaluations);

    public static string Partition(string officeId, string period, string departmentId) => Keys.Join("selfEvaluation", officeId, period, departmentId);

    public async Task<(Stored<SelfEvaluationRecord> Stored, SelfEvaluationWrite Outcome)> SubmitAsync(SelfEvaluationRecord record, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var partition = Partition(record.OfficeId, record.Period, record.DepartmentId);
        var row = Keys.Join("personId", record.PersonId);
        try
        {
            return (await _records.AddAsync(partition, row, record, cancel).ConfigureAwait(false), SelfEvaluationWrite.Stored);
        }
        catch (ConcurrencyConflictException)
        {
            var existing = await _records.GetAsync(partition, row, cancel).ConfigureAwait(false)
                ?? throw new ConcurrencyConflictException($"{TableNames.SelfEvaluations}({partition}, {row})", 409);
            if (existing.Value.IdempotencyKey == record.IdempotencyKey)
            {
                return (existing, SelfEvaluationWrite.Repeated);
            }

            var revised = record with { Revision = existing.Value.Revision + 1 };
            return (await _records.ReplaceAsync(partition, row, revised, existing.ETag, cancel).ConfigureAwait(false), SelfEvaluationWrite.Revised);
        }
    }

    /// <summary>A person's self-evaluation of a period, with the ETag its review is stored under; null before the first.</summary>
    public Task<Stored<SelfEvaluationRecord>?> GetAsync(string officeId, string period, string departmentId, string personId, CancellationToken cancel = default) =>
        _records.GetAsync(Partition(officeId, period, departmentId), Keys.Join("personId", personId), cancel);

    /// <summary>Stores the head's review of the revision read, under its ETag: a revision the person submitted since
    /// (or another review) conflicts instead of being overwritten.</summary>
    public Task<Stored<SelfEvaluationRecord>> ReviewAsync(Stored<SelfEvaluationRecord> read, SelfEvaluationReview review, string? reason, string reviewedBy, DateTimeOffset at, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        return _records.ReplaceAsync(read.PartitionKey, read.RowKey, read.Value with { Review = review, ReviewReason = reason, ReviewedBy = reviewedBy, ReviewedAt = at }, read.ETag, cancel);
    }

    public Task<IReadOnlyList<Stored<SelfEvaluationRecord>>> ForDepartmentAsync(string officeId, string period, string departmentId, CancellationToken cancel = default) =>
        _records.QueryAsync(Partition(officeId, period, departmentId), null, cancel);
}
