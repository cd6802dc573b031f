using System.Collections.Concurrent;
using System.Text.Json;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Storage.Infrastructure;
using Azure.Data.Tables;

namespace Appraisal.Storage.Organisation;

/// <summary>An office's organisation: partition = office, rows <c>office</c>, <c>department~ID</c>, <c>position~ID</c>,
/// <c>person~ID</c>, each holding its record as JSON, and <c>stamp</c>, which every import that changes a row renews.
/// Loading an office is one point read of its stamp and, when this process holds no load under that stamp, one
/// partition query (which Azurite answers by scanning every office's rows).</summary>
public sealed class OrganisationRepository(StorageAccount account)
{
    /// <summary>The most offices' organisations kept in memory; past it the memory starts afresh.</summary>
    public const int MaxOfficesKept = 1_000;

    private const string StampRow = "stamp";

    /// <summary>How long an import is taken to be under way: a stamp left importing longer than this is a stopped
    /// import's, which an import that changes nothing may complete.</summary>
    public static readonly TimeSpan ImportLease = TimeSpan.FromMinutes(10);

    private readonly TableClient _table = account.Table(TableNames.Organisation);

    /// <summary>Loads by office, each under the stamp read before its query: a later import renews the stamp, so a load
    /// kept is used only while storage still holds what it read.</summary>
    private readonly ConcurrentDictionary<string, (string Stamp, OfficeOrganisation Organisation)> _kept = new(StringComparer.Ordinal);

    /// <summary>Brings storage in line with <paramref name="organisation"/>: new rows added, changed rows replaced under
    /// their ETags (a concurrent edit conflicts), rows no longer present marked inactive, never deleted.</summary>
    public async Task<ImportSummary> ImportAsync(OfficeOrganisation organisation, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var partition = Keys.Join("officeId", organisation.Office.Id);
        var wanted = new Dictionary<string, (string Kind, string Name, string Json)>(StringComparer.Ordinal)
        {
            ["office"] = ("office", organisation.Office.Name, Serialize(organisation.Office)),
        };
        foreach (var d in organisation.Departments)
        {
            wanted[Keys.Join("departmentId", "department", d.Id)] = ("department", d.Name, Serialize(d));
        }

        foreach (var p in organisation.Positions)
        {
            wanted[Keys.Join("positionId", "position", p.Id)] = ("position", p.Title, Serialize(p));
        }

        foreach (var p in organisation.People)
        {
            wanted[Keys.Join("personId", "person", p.Id)] = ("person", p.Name, Serialize(p));
        }

        var existing = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancel).ConfigureAwait(false))
        {
            existing[e.RowKey] = e;
        }

        existing.Remove(StampRow, out var stamp);

        var actions = new List<TableTransactionAction>();
        int added = 0, updated = 0, deactivated = 0, unchanged = 0;
        foreach (var (row, (kind, name, json)) in wanted)
        {
            var entity = new TableEntity(partition, row) { ["Kind"] = kind, ["Name"] = name, ["Data"] = json, ["Active"] = true };
            if (!existing.TryGetValue(row, out var current))
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, entity));
                added++;
            }
            else if (current.GetString("Data") != json || current.GetBoolean("Active") != true)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, current.ETag));
                updated++;
            }
            else
            {
                unchanged++;
            }
        }

        foreach (var (row, current) in existing)
        {
            if (!wanted.ContainsKey(row) && current.GetBoolean("Active") == true)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(partition, row) { ["Active"] = false }, current.ETag));
                deactivated++;
            }
        }

        // The stamp is marked "importing" before the rows change and renewed after: while it says importing no process
        // keeps a load; once renewed, none uses a load kept from before. An import that fails marks it importing again
        // (another import may have completed it meanwhile), so what it wrote is never kept under a complete stamp; one
        // that stopped half-way leaves it importing until the next completes. An import that changes nothing completes
        // only a stamp that is missing or was left importing longer than an import takes.
        if (actions.Count > 0)
        {
            await StampAsync(partition, complete: false, cancel).ConfigureAwait(false);
            try
            {
                await TableBatch.SubmitAsync(_table, actions, account.Options.WriteParallelism, cancel).ConfigureAwait(false);
            }
            catch (Exception)
            {
                await StampAsync(partition, complete: false, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }

        if (actions.Count > 0 || Stale(stamp))
        {
            await StampAsync(partition, complete: true, cancel).ConfigureAwait(false);
        }

        return new ImportSummary(added, updated, deactivated, unchanged);
    }

    /// <summary>The office's active organisation, or null when none was imported. A load this process made under the
    /// stamp storage holds now is returned without reading the rows again.</summary>
    public async Task<OfficeOrganisation?> LoadAsync(string officeId, CancellationToken cancel = default)
    {
        var partition = Keys.Join("officeId", officeId);
        var stamp = await _table.GetEntityIfExistsAsync<TableEntity>(partition, StampRow, cancellationToken: cancel).ConfigureAwait(false);
        var kept = stamp.HasValue && stamp.Value!.GetBoolean("Complete") == true ? stamp.Value.GetString("Stamp") : null;
        if (kept is not null && _kept.TryGetValue(officeId, out var load) && load.Stamp == kept)
        {
            return load.Organisation;
        }

        var organisation = await QueryAsync(partition, cancel).ConfigureAwait(false);
        if (kept is not null && organisation is not null)
        {
            if (_kept.Count >= MaxOfficesKept)
            {
                _kept.Clear();
            }

            _kept[officeId] = (kept, organisation);
        }

        return organisation;
    }

    /// <summary>Whether an import that changes nothing should complete <paramref name="stamp"/>: none is there, or it was
    /// left importing longer ago than <see cref="ImportLease"/>.</summary>
    private static bool Stale(TableEntity? stamp) =>
        stamp is null || (stamp.GetBoolean("Complete") != true && (stamp.Timestamp is not { } at || DateTimeOffset.UtcNow - at > ImportLease));

    private async Task StampAsync(string partition, bool complete, CancellationToken cancel) =>
        await _table.UpsertEntityAsync(new TableEntity(partition, StampRow) { ["Stamp"] = Guid.NewGuid().ToString("N"), ["Complete"] = complete }, TableUpdateMode.Replace, cancel).ConfigureAwait(false);

    private async Task<OfficeOrganisation?> QueryAsync(string partition, CancellationToken cancel)
    {
        Office? office = null;
        List<Department> departments = [];
        List<Position> positions = [];
        List<Person> people = [];
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition && e.GetBoolean("Active") == true, cancellationToken: cancel).ConfigureAwait(false))
        {
            var json = e.GetString("Data");
            switch (e.GetString("Kind"))
            {
                case "office": office = Deserialize<Office>(json); break;
                case "department": departments.Add(Deserialize<Department>(json)); break;
                case "position": positions.Add(Deserialize<Position>(json)); break;
                case "person": people.Add(Deserialize<Person>(json)); break;
            }
        }

        return office is null ? null : new OfficeOrganisation(office, departments, positions, people);
    }

    /// <summary>The ids of every imported office, for the calendar's checkpoints (a scan of office rows only).</summary>
    public async Task<IReadOnlyList<string>> OfficeIdsAsync(CancellationToken cancel = default)
    {
        var ids = new List<string>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.GetString("Kind") == "office" && e.GetBoolean("Active") == true, cancellationToken: cancel).ConfigureAwait(false))
        {
            ids.Add(Deserialize<Office>(e.GetString("Data")).Id);
        }

        return ids.Order(StringComparer.Ordinal).ToList();
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, DomainJson.Compact);

    private static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, DomainJson.Compact)
        ?? throw new InvalidDataException($"organisation row holds no {typeof(T).Name}");
}
