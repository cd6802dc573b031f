namespace Appraisal.Storage;

/// <summary>Someone else changed (or created) the record first: the write was refused, nothing was overwritten.
/// HTTP answers it with 409 (already exists) or 412 (stale ETag).</summary>
public sealed class ConcurrencyConflictException(string record, int status, Exception? inner = null)
    : Exception($"{record}: {(status == 412 ? "changed by someone else since it was read (stale ETag)" : "already exists")}", inner)
{
    public string Record { get; } = record;

    /// <summary>409 when the record already existed, 412 when the ETag was stale.</summary>
    public int Status { get; } = status;
}
