using Appraisal.Storage.Infrastructure;

namespace Appraisal.Storage.Approvals;

/// <summary>Approval-link nonces: partition = cycle, row = nonce. Using one is an ETag-guarded change, so of two
/// concurrent uses exactly one succeeds and a replay conflicts.</summary>
public sealed class NonceRepository(StorageAccount account)
{
    private readonly RecordTable<ApprovalNonce> _records = new(account, TableNames.Nonces);

    public Task<Stored<ApprovalNonce>> IssueAsync(ApprovalNonce nonce, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        return _records.AddAsync(Keys.Join("cycleId", nonce.CycleId), Keys.Join("nonce", nonce.Nonce), nonce, cancel);
    }

    public Task<Stored<ApprovalNonce>?> GetAsync(string cycleId, string nonce, CancellationToken cancel = default) =>
        _records.GetAsync(Keys.Join("cycleId", cycleId), Keys.Join("nonce", nonce), cancel);

    /// <summary>Marks the nonce used with the decision; unknown → <see cref="KeyNotFoundException"/>, used already or
    /// used concurrently → <see cref="ConcurrencyConflictException"/> (409).</summary>
    public async Task<ApprovalNonce> ConsumeAsync(string cycleId, string nonce, string decision, DateTimeOffset at, CancellationToken cancel = default)
    {
        var stored = await GetAsync(cycleId, nonce, cancel).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"approval link {cycleId}/{nonce} is unknown");
        if (stored.Value.UsedAt is not null)
        {
            throw new ConcurrencyConflictException($"approval link {cycleId}/{nonce} (used {stored.Value.UsedAt:O})", 409);
        }

        var used = stored.Value with { UsedAt = at, Decision = decision };
        try
        {
            await _records.ReplaceAsync(stored.PartitionKey, stored.RowKey, used, stored.ETag, cancel).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException ex)
        {
            throw new ConcurrencyConflictException($"approval link {cycleId}/{nonce} (used concurrently)", 409, ex);
        }

        return used;
    }
}
