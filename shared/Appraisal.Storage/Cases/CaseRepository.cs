using Appraisal.Domain.Cases;
using Appraisal.Domain.Periods;
using Appraisal.Storage.Infrastructure;
using Azure;
using Azure.Data.Tables;

namespace Appraisal.Storage.Cases;

/// <summary>Case records from the case-management system, packed per office in the cases container: the open cases
/// in the office's manifest (<c>{office}/manifest.json.gz</c>), the closed ones in parts by closing year
/// (<c>{office}/closed-2026/…json.gz</c>) that the manifest names with their earliest acceptance and latest closing
/// day — so that a period's read is the manifest and the parts that can hold cases active in it (the current quarter:
/// the manifest and one part), whatever other offices store. The records are machine-fed and re-sent as cases
/// progress, so an import upserts them by case id (no person edits them): it merges into the stored parts, writes the
/// changed parts as new blobs and then the manifest under its ETag — the one step that publishes it, so an import
/// stopped midway changes nothing and two imports never lose each other's cases (the later one merges again). Offices
/// whose cases were stored as rows of the Cases table before are moved to blobs on their first read or import.</summary>
public sealed class CaseRepository(StorageAccount account)
{
    /// <summary>Imports into one office that keep meeting another one's commit give up after this many attempts.</summary>
    private const int MaxAttempts = 20;

    private readonly CaseBlobs _blobs = new(account.Container(ContainerNames.Cases));
    private readonly TableClient _rows = account.Table(TableNames.Cases);

    /// <summary>Stores <paramref name="records"/> for the office, each replacing the stored case of its id wherever it
    /// was (closing a case, or correcting its acceptance day, moves it to another part); returns how many were given.</summary>
    public async Task<int> ImportAsync(string officeId, IEnumerable<CaseRecord> records, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        Keys.Check("officeId", officeId);
        var incoming = records.Select(StoredCase.From).ToList();
        for (var attempt = 1; ; attempt++)
        {
            var (manifest, etag) = await _blobs.ManifestAsync(officeId, cancel).ConfigureAwait(false);
            var parts = manifest is null ? ByPart(await RowsAsync(officeId, cancel).ConfigureAwait(false)) : await StoredAsync(manifest, cancel).ConfigureAwait(false);
            if (parts is null)
            {
                Gone(officeId, attempt);
                continue;
            }

            var changed = manifest is null ? parts.Keys.ToHashSet(StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal);
            var partOf = parts.SelectMany(p => p.Value.Keys.Select(id => (id, part: p.Key))).ToDictionary(x => x.id, x => x.part, StringComparer.Ordinal);
            foreach (var c in incoming)
            {
                var key = c.Part;
                if (partOf.TryGetValue(c.Id, out var was) && was != key)
                {
                    parts[was].Remove(c.Id);
                    changed.Add(was);
                }

                var part = parts.TryGetValue(key, out var cases) ? cases : parts[key] = new Dictionary<string, StoredCase>(StringComparer.Ordinal);
                if (!part.TryGetValue(c.Id, out var stored) || stored != c)
                {
                    part[c.Id] = c;
                    changed.Add(key);
                }

                partOf[c.Id] = key;
            }

            if (changed.Count == 0)
            {
                return incoming.Count;
            }

            var kept = (manifest ?? CaseManifest.Empty).Parts.Where(p => !changed.Contains(p.Part)).ToList();
            var written = new List<CasePart>();
            foreach (var key in changed.Where(k => k != StoredCase.OpenPart && parts[k].Count > 0))
            {
                var cases = parts[key].Values;
                written.Add(CasePart.Of(key, await _blobs.WritePartAsync(officeId, key, cases, cancel).ConfigureAwait(false), cases));
            }

            var open = parts.TryGetValue(StoredCase.OpenPart, out var stillOpen) ? [.. stillOpen.Values.OrderBy(c => c.Id, StringComparer.Ordinal)] : new List<StoredCase>();
            var next = new CaseManifest([.. kept.Concat(written).OrderBy(p => p.Part, StringComparer.Ordinal)], open, Guid.NewGuid().ToString("N"));
            var (committed, current) = await CommitAsync(officeId, next, etag, cancel).ConfigureAwait(false);
            if (committed is null)
            {
                // Another import committed first: its cases are in the manifest now; merge ours into them again. Only
                // parts the manifest there does not name are deleted — ours may have been committed (its answer lost)
                // and kept by the import that committed on top of it.
                var named = (current ?? CaseManifest.Empty).Parts.Select(p => p.Blob).ToHashSet(StringComparer.Ordinal);
                await _blobs.DeleteAsync(written.Select(p => p.Blob).Where(b => !named.Contains(b)), cancel).ConfigureAwait(false);
                if (attempt >= MaxAttempts)
                {
                    throw new ConcurrencyConflictException($"cases of office {officeId}", 412);
                }

                await Task.Delay(Random.Shared.Next(10, 20 * attempt), cancel).ConfigureAwait(false);
                continue;
            }

            // The parts this import replaced, and those of imports stopped long ago (looked for only when the commit's
            // time is known).
            var replaced = (manifest ?? CaseManifest.Empty).Parts.Where(p => changed.Contains(p.Part)).Select(p => p.Blob);
            var leftovers = committed == DateTimeOffset.MinValue ? [] : await _blobs.LeftoversAsync(officeId, next, committed.Value, cancel).ConfigureAwait(false);
            await _blobs.DeleteAsync(replaced.Concat(leftovers), cancel).ConfigureAwait(false);
            return incoming.Count;
        }
    }

    /// <summary>Writes the manifest under the ETag read; null when another import's manifest is there instead (returned
    /// with it, so that only the parts it does not name are deleted). A write
    /// whose answer was lost and whose retry then met its own manifest counts as written (the manifest's import id says
    /// so), lest the parts it names be deleted as a failed attempt's.</summary>
    private async Task<(DateTimeOffset? Committed, CaseManifest? Current)> CommitAsync(string officeId, CaseManifest next, ETag etag, CancellationToken cancel)
    {
        try
        {
            return (await _blobs.CommitAsync(officeId, next, etag, cancel).ConfigureAwait(false), next);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            var (current, _) = await _blobs.ManifestAsync(officeId, cancel).ConfigureAwait(false);
            return (current?.Import == next.Import ? DateTimeOffset.MinValue : null, current);
        }
    }

    /// <summary>The case records of each of <paramref name="periods"/> (a relative target's reference quarters), read at
    /// once: the manifest, then every part any of them needs, each once; none read for none.</summary>
    public async Task<IReadOnlyDictionary<Period, CaseLog>> ForPeriodsAsync(string officeId, IReadOnlyCollection<Period> periods, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(periods);
        Keys.Check("officeId", officeId);
        var wanted = periods.Distinct().Select(p => (Period: p, Start: StoredCase.Day(p.Start), End: StoredCase.Day(p.End))).ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<Period, CaseLog>();
        }

        for (var attempt = 1; ; attempt++)
        {
            var (manifest, _) = await _blobs.ManifestAsync(officeId, cancel).ConfigureAwait(false);
            if (manifest is null)
            {
                if (!await AnyRowAsync(officeId, cancel).ConfigureAwait(false))
                {
                    return wanted.ToDictionary(w => w.Period, _ => new CaseLog());
                }

                await ImportAsync(officeId, [], cancel).ConfigureAwait(false);
                continue;
            }

            var parts = await _blobs.ReadPartsAsync(wanted.SelectMany(w => manifest.Needed(w.Start, w.End)).Distinct(), cancel).ConfigureAwait(false);
            if (parts is null)
            {
                Gone(officeId, attempt);
                continue;
            }

            return wanted.ToDictionary(w => w.Period, w =>
            {
                var log = new CaseLog();
                foreach (var c in parts.Append(manifest.Open).SelectMany(p => p).Where(c => c.ActiveIn(w.Start, w.End)).OrderBy(c => c.Id, StringComparer.Ordinal))
                {
                    c.AddTo(log);
                }

                return log;
            });
        }
    }

    /// <summary>The cases active in a period: accepted by its last day and not closed before its first.</summary>
    public async Task<CaseLog> ForPeriodAsync(string officeId, Period period, CancellationToken cancel = default) =>
        (await ForPeriodsAsync(officeId, [period], cancel).ConfigureAwait(false))[period];

    /// <summary>A part named by the manifest was missing: replaced by an import meanwhile (read again), unless that
    /// keeps happening, which only a blob deleted by hand would explain.</summary>
    private static void Gone(string officeId, int attempt)
    {
        if (attempt >= MaxAttempts)
        {
            throw new InvalidOperationException($"cases of office {officeId}: expected the blobs its manifest names, found one missing {attempt} times in a row");
        }
    }

    /// <summary>Every stored case of the office by part and id, or null when a part was replaced meanwhile.</summary>
    private async Task<Dictionary<string, Dictionary<string, StoredCase>>?> StoredAsync(CaseManifest manifest, CancellationToken cancel)
    {
        var parts = await _blobs.ReadPartsAsync(manifest.Parts, cancel).ConfigureAwait(false);
        return parts is null ? null : ByPart(parts.Append(manifest.Open).SelectMany(p => p));
    }

    private static Dictionary<string, Dictionary<string, StoredCase>> ByPart(IEnumerable<StoredCase> cases) =>
        cases.GroupBy(c => c.Part, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToDictionary(c => c.Id, StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>The office's rows in the Cases table, where cases were kept before they were packed in blobs (read
    /// only while the office has no manifest).</summary>
    private async Task<List<StoredCase>> RowsAsync(string officeId, CancellationToken cancel)
    {
        var cases = new List<StoredCase>();
        try
        {
            await foreach (var e in _rows.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {officeId}"), cancellationToken: cancel).ConfigureAwait(false))
            {
                var closed = e.GetString("Closed");
                var flags = e.GetString("Flags");
                cases.Add(new StoredCase(e.RowKey, e.GetString("HandlerId"), e.GetString("DepartmentId"), e.GetString("CaseType"), e.GetString("Accepted"),
                    closed == LegacyOpen ? null : closed, e.GetString("TimeLimit"), string.IsNullOrEmpty(flags) ? null : flags, e.GetString("Class")));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No Cases table: nothing was ever stored as rows.
        }

        return cases;
    }

    private async Task<bool> AnyRowAsync(string officeId, CancellationToken cancel)
    {
        try
        {
            await foreach (var _ in _rows.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {officeId}"), maxPerPage: 1, select: ["RowKey"], cancellationToken: cancel).ConfigureAwait(false))
            {
                return true;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }

        return false;
    }

    /// <summary>The closing day the Cases table stored for an open case.</summary>
    private const string LegacyOpen = "9999-12-31";
}
