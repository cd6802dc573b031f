using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;

namespace Appraisal.Storage.Backup;

/// <summary>What a backup holds, or what a restore wrote: rows per table, blobs per container, and the SHA-256 of
/// every file in the backup (manifest.json); <paramref name="Keys"/> how the host keys in it are encrypted (none: the
/// backup holds no keys), <paramref name="KeysLeftOut"/> how many host keys were left out for want of a passphrase.</summary>
public sealed record BackupManifest(DateTimeOffset CreatedAt, string Prefix, IReadOnlyDictionary<string, int> Tables, IReadOnlyDictionary<string, int> Containers,
    IReadOnlyDictionary<string, string> Files, BackupKeyProtection? Keys = null, int KeysLeftOut = 0);

/// <summary>The host keys of a backup are encrypted with AES-256-GCM under a key derived from the backup passphrase by
/// PBKDF2-SHA256 with this salt and count.</summary>
public sealed record BackupKeyProtection(string Salt, int Iterations);

/// <summary>Raised when a backup cannot be restored: damaged, or the target already holds records.</summary>
public sealed class BackupRefusedException(string message) : Exception(message);

/// <summary>A whole account's appraisal records as one zip, and back: every row of every table (each property with its
/// Table storage type, so a restore writes the same values), every blob of every container with its content type and
/// metadata, and a manifest.json with each file's SHA-256. Names are stored without the account's prefix, so a backup
/// restores under another prefix or into another account. A restore checks every hash first and writes only into an
/// empty target, so it never mixes two states; rows go in transactions of up to 100 per partition.</summary>
public static class StorageBackup
{
    public const string ManifestName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Iterations of PBKDF2-SHA256 that turn the passphrase into the keys' encryption key.</summary>
    public const int PassphraseIterations = 600_000;

    /// <summary>Writes the backup. The host keys (the <c>keys</c> container: signing keys a host generated for itself)
    /// go in only encrypted under <paramref name="passphrase"/>; without one they are left out and counted.</summary>
    public static async Task<BackupManifest> WriteAsync(StorageAccount account, Stream zip, DateTimeOffset now, string? passphrase = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var protection = string.IsNullOrEmpty(passphrase) ? null : new BackupKeyProtection(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)), PassphraseIterations);
        using var keyCipher = protection is null ? null : KeyCipher(passphrase!, protection);
        var keysLeftOut = 0;
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var tables = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var containers = new SortedDictionary<string, int>(StringComparer.Ordinal);
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var table in TableNames.All)
            {
                var lines = new StringBuilder();
                var count = 0;
                await foreach (var entity in account.Table(table).QueryAsync<TableEntity>(cancellationToken: cancel).ConfigureAwait(false))
                {
                    lines.Append(Row(entity).ToJsonString()).Append('\n');
                    count++;
                }

                tables[table] = count;
                files[$"tables/{table}.jsonl"] = await AddAsync(archive, $"tables/{table}.jsonl", Encoding.UTF8.GetBytes(lines.ToString()), cancel).ConfigureAwait(false);
            }

            foreach (var container in ContainerNames.All)
            {
                var client = account.Container(container);
                var listing = new StringBuilder();
                var count = 0;
                await foreach (var item in client.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancel).ConfigureAwait(false))
                {
                    if (container == ContainerNames.Keys && keyCipher is null)
                    {
                        keysLeftOut++;
                        continue;
                    }

                    var content = (await client.GetBlobClient(item.Name).DownloadContentAsync(cancel).ConfigureAwait(false)).Value.Content.ToArray();
                    if (container == ContainerNames.Keys)
                    {
                        content = Encrypt(keyCipher!, content);
                    }

                    var path = $"blobs/{container}/{item.Name}";
                    files[path] = await AddAsync(archive, path, content, cancel).ConfigureAwait(false);
                    listing.Append(JsonSerializer.Serialize(new BlobRecord(item.Name, item.Properties.ContentType, item.Metadata?.ToDictionary(m => m.Key, m => m.Value) ?? []))).Append('\n');
                    count++;
                }

                containers[container] = count;
                files[$"blobs/{container}.jsonl"] = await AddAsync(archive, $"blobs/{container}.jsonl", Encoding.UTF8.GetBytes(listing.ToString()), cancel).ConfigureAwait(false);
            }

            var manifest = new BackupManifest(now, account.Options.Prefix, tables, containers, files, protection, keysLeftOut);
            await AddAsync(archive, ManifestName, JsonSerializer.SerializeToUtf8Bytes(manifest, Json), cancel).ConfigureAwait(false);
            return manifest;
        }
    }

    /// <summary>Restores a backup into the account: every file is checked against the manifest before anything is
    /// written; the account's tables and containers must be empty.</summary>
    public static async Task<BackupManifest> RestoreAsync(StorageAccount account, Stream zip, string? passphrase = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        using var archive = Open(zip);
        var manifest = Read(archive);
        using var keyCipher = manifest.Keys is null ? null
            : string.IsNullOrEmpty(passphrase) ? throw new BackupRefusedException("the backup holds the host keys encrypted: expected the backup passphrase (Backup__Passphrase), found none")
            : KeyCipher(passphrase, manifest.Keys);
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (path, sha) in manifest.Files)
        {
            var entry = archive.GetEntry(path) ?? throw new BackupRefusedException($"{path}: listed in the manifest, missing from the backup");
            var content = await ReadAsync(entry, cancel).ConfigureAwait(false);
            if (Sha256(content) != sha)
            {
                throw new BackupRefusedException($"{path}: expected SHA-256 {sha[..16]}…, found another; the backup is damaged");
            }

            // The keys are decrypted before anything is written: a wrong passphrase restores nothing.
            if (keyCipher is not null && path.StartsWith($"blobs/{ContainerNames.Keys}/", StringComparison.Ordinal))
            {
                keys[path] = Decrypt(keyCipher, content, path);
            }
        }

        await account.EnsureCreatedAsync(cancel).ConfigureAwait(false);
        foreach (var table in TableNames.All)
        {
            await foreach (var _ in account.Table(table).QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancel).ConfigureAwait(false))
            {
                throw new BackupRefusedException($"table {account.Table(table).Name}: expected an empty target, found records; restore into a new prefix or account");
            }
        }

        foreach (var container in ContainerNames.All)
        {
            await foreach (var _ in account.Container(container).GetBlobsAsync(cancellationToken: cancel).ConfigureAwait(false))
            {
                throw new BackupRefusedException($"container {account.Container(container).Name}: expected an empty target, found blobs; restore into a new prefix or account");
            }
        }

        foreach (var table in manifest.Tables.Keys.Where(t => TableNames.All.Contains(t)))
        {
            var rows = Encoding.UTF8.GetString(await ReadAsync(archive.GetEntry($"tables/{table}.jsonl")!, cancel).ConfigureAwait(false))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => Entity(JsonNode.Parse(l)!.AsObject())).ToList();
            var client = account.Table(table);
            foreach (var partition in rows.GroupBy(r => r.PartitionKey))
            {
                foreach (var chunk in partition.Chunk(100))
                {
                    await client.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), cancel).ConfigureAwait(false);
                }
            }
        }

        foreach (var container in manifest.Containers.Keys.Where(c => ContainerNames.All.Contains(c)))
        {
            var client = account.Container(container);
            var listing = Encoding.UTF8.GetString(await ReadAsync(archive.GetEntry($"blobs/{container}.jsonl")!, cancel).ConfigureAwait(false))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<BlobRecord>(l)!);
            foreach (var blob in listing)
            {
                var path = $"blobs/{container}/{blob.Name}";
                var content = keys.TryGetValue(path, out var key) ? key : await ReadAsync(archive.GetEntry(path)!, cancel).ConfigureAwait(false);
                await client.GetBlobClient(blob.Name).UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = blob.ContentType },
                    Metadata = blob.Metadata,
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                }, cancel).ConfigureAwait(false);
            }
        }

        return manifest;
    }

    private sealed record BlobRecord(string Name, string? ContentType, Dictionary<string, string> Metadata);

    private static ZipArchive Open(Stream zip)
    {
        try
        {
            return new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new BackupRefusedException($"expected a backup zip, found a file that is not one ({ex.Message})");
        }
    }

    private static BackupManifest Read(ZipArchive archive)
    {
        var entry = archive.GetEntry(ManifestName) ?? throw new BackupRefusedException($"expected {ManifestName} in the backup, found none");
        using var stream = entry.Open();
        return JsonSerializer.Deserialize<BackupManifest>(stream, Json) ?? throw new BackupRefusedException($"{ManifestName}: expected a manifest, found null");
    }

    /// <summary>A row as JSON: keys, then every property as {"t": Table storage type, "v": value}.</summary>
    private static JsonObject Row(TableEntity entity)
    {
        var properties = new JsonObject();
        foreach (var (key, value) in entity.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (key is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" || value is null)
            {
                continue;
            }

            properties[key] = value switch
            {
                string s => Typed("String", s),
                bool b => Typed("Boolean", b),
                int i => Typed("Int32", i),
                long l => Typed("Int64", l.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                double d => Typed("Double", d),
                DateTimeOffset t => Typed("DateTime", t.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
                DateTime t => Typed("DateTime", new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)).ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
                Guid g => Typed("Guid", g.ToString()),
                byte[] bytes => Typed("Binary", Convert.ToBase64String(bytes)),
                BinaryData data => Typed("Binary", Convert.ToBase64String(data.ToArray())),
                _ => throw new NotSupportedException($"{key}: a {value.GetType().Name} is not a Table storage type"),
            };
        }

        return new JsonObject { ["pk"] = entity.PartitionKey, ["rk"] = entity.RowKey, ["p"] = properties };
    }

    private static JsonObject Typed<T>(string type, T value) => new() { ["t"] = type, ["v"] = JsonValue.Create(value) };

    private static TableEntity Entity(JsonObject row)
    {
        var entity = new TableEntity(row["pk"]!.GetValue<string>(), row["rk"]!.GetValue<string>());
        foreach (var (key, node) in row["p"]!.AsObject())
        {
            var value = node!["v"]!;
            entity[key] = node["t"]!.GetValue<string>() switch
            {
                "String" => value.GetValue<string>(),
                "Boolean" => value.GetValue<bool>(),
                "Int32" => value.GetValue<int>(),
                "Int64" => long.Parse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
                "Double" => value.GetValue<double>(),
                "DateTime" => DateTimeOffset.Parse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
                "Guid" => Guid.Parse(value.GetValue<string>()),
                "Binary" => Convert.FromBase64String(value.GetValue<string>()),
                var other => throw new BackupRefusedException($"{key}: expected a Table storage type, found '{other}'"),
            };
        }

        return entity;
    }

    private static async Task<string> AddAsync(ZipArchive archive, string path, byte[] content, CancellationToken cancel)
    {
        var entry = archive.CreateEntry(path, CompressionLevel.Optimal);
        await using (var stream = entry.Open())
        {
            await stream.WriteAsync(content, cancel).ConfigureAwait(false);
        }

        return Sha256(content);
    }

    private static async Task<byte[]> ReadAsync(ZipArchiveEntry entry, CancellationToken cancel)
    {
        await using var stream = entry.Open();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancel).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static AesGcm KeyCipher(string passphrase, BackupKeyProtection protection) =>
        new(Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), Convert.FromBase64String(protection.Salt), protection.Iterations, HashAlgorithmName.SHA256, 32), AesGcm.TagByteSizes.MaxSize);

    /// <summary>nonce (12) ‖ tag (16) ‖ ciphertext.</summary>
    private static byte[] Encrypt(AesGcm cipher, byte[] plain)
    {
        var sealedBytes = new byte[12 + 16 + plain.Length];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, 12));
        cipher.Encrypt(sealedBytes.AsSpan(0, 12), plain, sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16));
        return sealedBytes;
    }

    private static byte[] Decrypt(AesGcm cipher, byte[] sealedBytes, string path)
    {
        if (sealedBytes.Length < 28)
        {
            throw new BackupRefusedException($"{path}: expected an encrypted key, found {sealedBytes.Length} bytes");
        }

        var plain = new byte[sealedBytes.Length - 28];
        try
        {
            cipher.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new BackupRefusedException($"{path}: the backup passphrase does not open the host keys (a wrong passphrase, or another backup's); nothing restored");
        }

        return plain;
    }
}
