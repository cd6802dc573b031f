using System.Collections.Concurrent;
using System.Globalization;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Schemes.Validation;
using Appraisal.Storage.Infrastructure;
using Azure;
using Azure.Data.Tables;

namespace Appraisal.Storage.Schemes;

/// <summary>Scheme versions (考核方案): partition = scheme id, row = version. A decided version never changes
/// (一经确定不得随意改变): a change is a new version, decided again. So a decided version, once read, is kept in memory
/// and served from there (every rater's and department's request asks for the cycle's scheme); a draft or a submitted
/// version is read from storage every time.</summary>
public sealed class SchemeRepository(StorageAccount account)
{
    /// <summary>The most decided versions kept in memory (a handful per office); past it the memory starts afresh.</summary>
    public const int MaxDecidedKept = 1_000;

    private readonly TableClient _table = account.Table(TableNames.Schemes);

    private readonly ConcurrentDictionary<(string SchemeId, int Version), StoredScheme> _decided = new();

    /// <summary>Stores a new shared draft version (of no office); refuses an invalid scheme, and a version that already exists (409).</summary>
    public Task<StoredScheme> AddDraftAsync(Scheme scheme, CancellationToken cancel = default) => AddDraftAsync(scheme, null, cancel);

    /// <summary>Stores a new draft version belonging to an office (none: shared); refuses an invalid scheme, and a
    /// version that already exists (409).</summary>
    public async Task<StoredScheme> AddDraftAsync(Scheme scheme, string? officeId, CancellationToken cancel = default)
    {
        var entity = ToEntity(scheme, SchemeStatus.Draft, officeId);
        try
        {
            var response = await _table.AddEntityAsync(entity, cancel).ConfigureAwait(false);
            return new StoredScheme(scheme, SchemeStatus.Draft, response.Headers.ETag ?? ETag.All, null, null, officeId);
        }
        catch (RequestFailedException ex)
        {
            throw TableBatch.Conflict(_table, entity.PartitionKey, entity.RowKey, ex);
        }
    }

    /// <summary>Replaces a draft guarded by its ETag; a submitted or decided version is refused, a stale ETag conflicts (412).</summary>
    public async Task<StoredScheme> UpdateDraftAsync(Scheme scheme, ETag etag, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var current = await GetAsync(scheme.Id, scheme.Version, cancel).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"scheme {scheme.Id} version {scheme.Version} does not exist");
        if (current.Status != SchemeStatus.Draft)
        {
            throw new ImmutableRecordException($"scheme {scheme.Id} version {scheme.Version}", current.Status == SchemeStatus.Decided
                ? "decided by the Party group and frozen; make a new version instead"
                : "submitted for decision and no longer edited; make a new version instead");
        }

        var entity = ToEntity(scheme, SchemeStatus.Draft, current.OfficeId);
        try
        {
            var response = await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancel).ConfigureAwait(false);
            return new StoredScheme(scheme, SchemeStatus.Draft, response.Headers.ETag ?? ETag.All, null, null, current.OfficeId);
        }
        catch (RequestFailedException ex)
        {
            throw TableBatch.Conflict(_table, entity.PartitionKey, entity.RowKey, ex);
        }
    }

    /// <summary>Submits a draft for the Party group's decision, guarded by its ETag: from then on it is not edited.</summary>
    public async Task<StoredScheme> SubmitAsync(string schemeId, int version, ETag etag, CancellationToken cancel = default)
    {
        var current = await GetAsync(schemeId, version, cancel).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"scheme {schemeId} version {version} does not exist");
        if (current.Status != SchemeStatus.Draft)
        {
            throw new ImmutableRecordException($"scheme {schemeId} version {version}", $"expected a draft, found it {current.Status.ToString().ToLowerInvariant()}");
        }

        var entity = new TableEntity(Partition(schemeId), Row(version)) { ["Status"] = SchemeStatus.Submitted.ToString() };
        try
        {
            var response = await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Merge, cancel).ConfigureAwait(false);
            return current with { Status = SchemeStatus.Submitted, ETag = response.Headers.ETag ?? ETag.All };
        }
        catch (RequestFailedException ex)
        {
            throw TableBatch.Conflict(_table, entity.PartitionKey, entity.RowKey, ex);
        }
    }

    /// <summary>Records the Party group's decision; from then on the version is frozen.</summary>
    public async Task<StoredScheme> DecideAsync(string schemeId, int version, string decidedBy, DateTimeOffset at, ETag etag, CancellationToken cancel = default)
    {
        var current = await GetAsync(schemeId, version, cancel).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"scheme {schemeId} version {version} does not exist");
        if (current.Status == SchemeStatus.Decided)
        {
            throw new ImmutableRecordException($"scheme {schemeId} version {version}", "already decided");
        }

        var entity = new TableEntity(Partition(schemeId), Row(version))
        {
            ["Status"] = SchemeStatus.Decided.ToString(),
            ["DecidedAt"] = at,
            ["DecidedBy"] = decidedBy,
        };
        try
        {
            var response = await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Merge, cancel).ConfigureAwait(false);
            return current with { Status = SchemeStatus.Decided, ETag = response.Headers.ETag ?? ETag.All, DecidedAt = at, DecidedBy = decidedBy };
        }
        catch (RequestFailedException ex)
        {
            throw TableBatch.Conflict(_table, entity.PartitionKey, entity.RowKey, ex);
        }
    }

    /// <summary>A version, or null; a decided one from memory once read (it never changes), any other from storage.</summary>
    public async Task<StoredScheme?> GetAsync(string schemeId, int version, CancellationToken cancel = default)
    {
        if (_decided.TryGetValue((schemeId, version), out var kept))
        {
            return kept;
        }

        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(schemeId), Row(version), cancellationToken: cancel).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var stored = FromEntity(response.Value!);
        if (stored.Status == SchemeStatus.Decided)
        {
            if (_decided.Count >= MaxDecidedKept)
            {
                _decided.Clear();
            }

            _decided[(schemeId, version)] = stored;
        }

        return stored;
    }

    /// <summary>Every version of a scheme, oldest first.</summary>
    public async Task<IReadOnlyList<StoredScheme>> VersionsAsync(string schemeId, CancellationToken cancel = default)
    {
        var versions = new List<StoredScheme>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition(schemeId), cancellationToken: cancel).ConfigureAwait(false))
        {
            versions.Add(FromEntity(entity));
        }

        return versions;
    }

    /// <summary>Every version of every scheme an office owns (its drafts, submitted and decided versions), by scheme id
    /// then version. Schemes are few (a handful per office), so the office is a filter over the table, not a partition.</summary>
    public async Task<IReadOnlyList<StoredScheme>> ForOfficeAsync(string officeId, CancellationToken cancel = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(officeId);
        var versions = new List<StoredScheme>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"OfficeId eq {officeId}"), cancellationToken: cancel).ConfigureAwait(false))
        {
            versions.Add(FromEntity(entity));
        }

        return versions.OrderBy(v => v.Scheme.Id, StringComparer.Ordinal).ThenBy(v => v.Scheme.Version).ToList();
    }

    /// <summary>The newest decided version, the one a period is scored under.</summary>
    public async Task<StoredScheme?> LatestDecidedAsync(string schemeId, CancellationToken cancel = default) =>
        (await VersionsAsync(schemeId, cancel).ConfigureAwait(false)).LastOrDefault(v => v.Status == SchemeStatus.Decided);

    private static string Partition(string schemeId) => Keys.Join("schemeId", schemeId);

    private static string Row(int version) => version.ToString("D6", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(Scheme scheme, SchemeStatus status, string? officeId)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var errors = SchemeValidator.Validate(scheme).Where(i => i.Severity == IssueSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"scheme {scheme.Id} version {scheme.Version} is invalid: {string.Join("; ", errors)}", nameof(scheme));
        }

        var entity = new TableEntity(Partition(scheme.Id), Row(scheme.Version))
        {
            ["Name"] = scheme.Name.Zh,
            ["Status"] = status.ToString(),
            ["OfficeId"] = officeId,
        };
        TextChunks.Write(entity, "Document", SchemeDocument.Write(scheme));
        return entity;
    }

    private static StoredScheme FromEntity(TableEntity entity) => new(
        SchemeDocument.Parse(TextChunks.Read(entity, "Document")),
        Enum.Parse<SchemeStatus>(entity.GetString("Status")),
        entity.ETag,
        entity.GetDateTimeOffset("DecidedAt"),
        entity.GetString("DecidedBy"),
        entity.GetString("OfficeId"));
}
