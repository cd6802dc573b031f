using System.Security.Cryptography;
using System.Text;
using Appraisal.Storage.Infrastructure;
using Azure;

namespace Appraisal.Storage.SignIn;

/// <summary>Browser sessions, kept on the server so that signing out ends one: the browser holds a random id, the table
/// its SHA-256 only (partition = the hash's first two hex digits, row = the hash), so a copy of the table signs no one in.</summary>
public sealed class SessionRepository(StorageAccount account)
{
    private readonly RecordTable<BrowserSession> _records = new(account, TableNames.Sessions);

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

    private static bool IsWellFormed(string id) => id.Length == 43 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static (string Partition, string Row) Key(string id)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(id)));
        return (hash[..2], hash);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
