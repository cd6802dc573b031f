using Appraisal.Storage.Infrastructure;
using Azure;

namespace Appraisal.Storage.Submissions;

/// <summary>Submissions: partition = <c>office~period</c>, row = <c>department~subject</c> (<c>department~-</c> for the
/// department's own). A department's submissions in a cycle are one range query.</summary>
public sealed class SubmissionRepository(StorageAccount account)
{
    private const string DepartmentItself = "-";
    private readonly RecordTable<SubmissionRecord> _records = new(account, TableNames.Submissions);

    public static string Partition(string officeId, string period) => Keys.Join("submission", officeId, period);

    public static string Row(string departmentId, string? subjectId) => Keys.Join("submission", departmentId, subjectId ?? DepartmentItself);

    /// <summary>Stores a submission once. The same idempotency key again returns the stored one; a different
    /// submission for the same department and subject conflicts (409).</summary>
    public async Task<Stored<SubmissionRecord>> SubmitAsync(SubmissionRecord submission, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var partition = Partition(submission.OfficeId, submission.Period);
        var row = Row(submission.DepartmentId, submission.SubjectId);
        try
        {
            return await _records.AddAsync(partition, row, submission, cancel).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException) when (submission.IdempotencyKey is not null)
        {
            var existing = await _records.GetAsync(partition, row, cancel).ConfigureAwait(false);
            if (existing?.Value.IdempotencyKey == submission.IdempotencyKey)
            {
                return existing;
            }

            throw;
        }
    }

    public Task<Stored<SubmissionRecord>> UpdateAsync(SubmissionRecord submission, ETag etag, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return _records.ReplaceAsync(Partition(submission.OfficeId, submission.Period), Row(submission.DepartmentId, submission.SubjectId), submission, etag, cancel);
    }

    public Task<IReadOnlyList<Stored<SubmissionRecord>>> ForDepartmentAsync(string officeId, string period, string departmentId, CancellationToken cancel = default) =>
        _records.QueryAsync(Partition(officeId, period), Keys.Join("departmentId", departmentId) + Keys.Separator, cancel);

    public Task<IReadOnlyList<Stored<SubmissionRecord>>> ForCycleAsync(string officeId, string period, CancellationToken cancel = default) =>
        _records.QueryAsync(Partition(officeId, period), null, cancel);
}
