using System.Security.Cryptography;
using System.Text;
using Appraisal.Storage.Infrastructure;
using Azure;

namespace Appraisal.Storage.SignIn;

/// <summary>Browser sessions, kept on the server so that signing out ends one: the browser holds a random id, the table
/// its SHA-256 only (partition = the hash's first two hex digits, row = the hash), so a copy of the table signs no one in.</summary>
public sealed class SessionRepository(StorageAccount account)
{
    /// <summary>The session's end (its absolute expiry) and last use as columns, so ended sessions are found by a query.</summary>
    private readonly RecordTable<BrowserSession> _records = new(account, TableNames.Sessions, (s, e) =>
    {
        e["ExpiresAt"] = s.ExpiresAt;
        e["LastSeenAt"] = s.LastSeenAt;
    });

    /// <summary>A new session id: 32 random bytes, base64url.</summary>
    public static string NewId() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public async Task<Stored<BrowserSession>> AddAsync(string id, BrowserSession session, CancellationToken cancel = default)
    {
        var (partition, row) = Key(id);
        return await _records.AddAsync(partition, row, session, cancel).ConfigureAwait(false);
    }

    /// <summary>The session the id stands for, or null (unknown, or not an id we could have issued).</summary>
    public async Task<Stored<BrowserSession>?> GetAsync(string id, CancellationToken cancel = default) =>
        IsWellFormed(id) ? await _records.GetAsync(Key(id).Partition, Key(id).Row, cancel).ConfigureAwait(false) : null;

    /// <summary>Records a later use (sliding expiry); a concurrent touch winning is as good as this one.</summary>
    public async Task TouchAsync(Stored<BrowserSession> stored, DateTimeOffset at, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(stored);
        try
        {
            await _records.ReplaceAsync(stored.PartitionKey, stored.RowKey, stored.Value with { LastSeenAt = at }, stored.ETag, cancel).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException)
        {
        }
        catch (KeyNotFoundException)
        {
        }
    }

    public Task DeleteAsync(string id, CancellationToken cancel = default) =>
        IsWellFormed(id) ? _records.DeleteAsync(Key(id).Partition, Key(id).Row, ETag.All, cancel) : Task.CompletedTask;

    /// <summary>Deletes up to <paramref name="max"/> sessions that have ended by <paramref name="now"/> — past their
    /// expiry, or unused for <paramref name="idle"/> — but whose browser never came back to have them deleted. A session
    /// used meanwhile (another ETag) is left. Returns how many were deleted.</summary>
    public Task<int> DeleteEndedAsync(DateTimeOffset now, TimeSpan idle, int max, CancellationToken cancel = default) =>
        _records.DeleteWhereAsync(Azure.Data.Tables.TableClient.CreateQueryFilter($"ExpiresAt le {now} or LastSeenAt le {now - idle}"), max, cancel);

    private static bool IsWellFormed(string id) => id.Length == 43 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static (string Partition, string Row) Key(string id)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(id)));
        return (hash[..2], hash);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
