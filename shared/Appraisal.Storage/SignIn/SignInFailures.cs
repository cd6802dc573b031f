using System.Security.Cryptography;
using System.Text;
using Appraisal.Storage.Infrastructure;
using Azure;

namespace Appraisal.Storage.SignIn;

/// <summary>Failed sign-ins counted per account and per client address (partition <c>account</c> or <c>address</c>,
/// row = SHA-256 of the lower-cased name, so the table lists no user names): how many since the window began, and
/// until when the name is locked. Counting is ETag-guarded, so concurrent failures all count.</summary>
public sealed class SignInFailureRepository(StorageAccount account)
{
    /// <summary>The window's start and the lock's end as columns, so counts that no longer matter are found by a query.</summary>
    private readonly RecordTable<SignInFailureCount> _records = new(account, TableNames.SignInFailures, (c, e) =>
    {
        e["WindowStart"] = c.WindowStart;
        e["LockedUntil"] = c.LockedUntil ?? c.WindowStart;
    });

    public async Task<SignInFailureCount?> GetAsync(string kind, string name, CancellationToken cancel = default) =>
        (await _records.GetAsync(kind, Row(name), cancel).ConfigureAwait(false))?.Value;

    /// <summary>Counts one failure: a window older than <paramref name="window"/> starts again; reaching
    /// <paramref name="max"/> locks the name until <paramref name="at"/> + <paramref name="lockFor"/>. Returns the count.</summary>
    public async Task<SignInFailureCount> CountAsync(string kind, string name, int max, TimeSpan window, TimeSpan lockFor, DateTimeOffset at, CancellationToken cancel = default)
    {
        var row = Row(name);
        for (var attempt = 0; ; attempt++)
        {
            var stored = await _records.GetAsync(kind, row, cancel).ConfigureAwait(false);
            var fresh = stored is null || at - stored.Value.WindowStart > window || (stored.Value.LockedUntil is { } until && until <= at);
            var failures = fresh ? 1 : stored!.Value.Failures + 1;
            var next = new SignInFailureCount(failures, fresh ? at : stored!.Value.WindowStart, failures >= max ? at + lockFor : null);
            try
            {
                if (stored is null)
                {
                    await _records.AddAsync(kind, row, next, cancel).ConfigureAwait(false);
                }
                else
                {
                    await _records.ReplaceAsync(kind, row, next, stored.ETag, cancel).ConfigureAwait(false);
                }

                return next;
            }
            catch (ConcurrencyConflictException) when (attempt < 20)
            {
            }
        }
    }

    /// <summary>Deletes up to <paramref name="max"/> counts whose window began before <paramref name="before"/> and whose
    /// lock (if any) has ended by then; a count changed meanwhile is left. Returns how many were deleted.</summary>
    public Task<int> DeleteStaleAsync(DateTimeOffset before, int max, CancellationToken cancel = default) =>
        _records.DeleteWhereAsync(Azure.Data.Tables.TableClient.CreateQueryFilter($"WindowStart le {before} and LockedUntil le {before}"), max, cancel);

    public Task ClearAsync(string kind, string name, CancellationToken cancel = default) => _records.DeleteAsync(kind, Row(name), ETag.All, cancel);

    private static string Row(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name.ToLowerInvariant())));
}

/// <summary>Failures of one account or address since <paramref name="WindowStart"/>, and the lock they set, if any.</summary>
public sealed record SignInFailureCount(int Failures, DateTimeOffset WindowStart, DateTimeOffset? LockedUntil);
