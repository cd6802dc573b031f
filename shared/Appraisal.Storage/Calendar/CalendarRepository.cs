using System.Globalization;
using Appraisal.Domain.Calendar;
using Appraisal.Domain.Inputs;
using Appraisal.Storage.Infrastructure;
using Azure;

namespace Appraisal.Storage.Calendar;

/// <summary>The working-day calendar's added years (a later year's State Council notice, or a corrected one): table
/// <c>Calendar</c>, partition <c>years</c>, row = the year (<c>2027</c>), one row per year holding the validated
/// document. A table row rather than a blob per year: the document is small (a few hundred bytes), a row is written
/// whole or not at all, the table already gives insert-only adds (409 when present) and ETag-guarded replaces (412 when
/// stale), every year is read in one partition query, and the table is backed up with the others. Only a document
/// that reads back without an error is written: a bad one never reaches storage.</summary>
public sealed class CalendarRepository(StorageAccount account)
{
    public const string Partition = "years";

    private readonly RecordTable<StoredHolidayYear> _records = new(account, TableNames.Calendar);

    /// <summary>Stores a year not stored before; another writer's year first is a conflict (409), nothing overwritten.</summary>
    public Task<Stored<StoredHolidayYear>> AddAsync(HolidayYear year, string storedBy, DateTimeOffset at, CancellationToken cancel = default) =>
        _records.AddAsync(Partition, Row(year.Year), Record(year, storedBy, at), cancel);

    /// <summary>Replaces a stored year (a corrected notice) if it is still the version read (<paramref name="etag"/>);
    /// a stale ETag is a conflict (412), a year not stored <see cref="KeyNotFoundException"/>.</summary>
    public Task<Stored<StoredHolidayYear>> ReplaceAsync(HolidayYear year, ETag etag, string storedBy, DateTimeOffset at, CancellationToken cancel = default) =>
        _records.ReplaceAsync(Partition, Row(year.Year), Record(year, storedBy, at), etag, cancel);

    public Task<Stored<StoredHolidayYear>?> GetAsync(int year, CancellationToken cancel = default) =>
        _records.GetAsync(Partition, Row(year), cancel);

    /// <summary>Every stored year, in order.</summary>
    public Task<IReadOnlyList<Stored<StoredHolidayYear>>> ListAsync(CancellationToken cancel = default) =>
        _records.QueryAsync(Partition, cancel: cancel);

    /// <summary>A stored record's arrangement; a row that no longer reads (edited outside the software) is an error
    /// naming it, never a silently different calendar.</summary>
    public static HolidayYear Read(StoredHolidayYear stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var errors = new InputErrors();
        return HolidayYearDocument.Read(stored.Document, $"calendar/{stored.Year}", errors) is { } year && year.Year == stored.Year
            ? year
            : throw new InvalidDataException($"calendar/{stored.Year}: the stored document does not read back ({string.Join("; ", errors.Items)})");
    }

    private static StoredHolidayYear Record(HolidayYear year, string storedBy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(year);
        var record = new StoredHolidayYear(year.Year, HolidayYearDocument.Write(year), storedBy, at);
        // What is written is what reads back: checked before the write, so a bad document stores nothing.
        Read(record);
        return record;
    }

    private static string Row(int year) => year.ToString("D4", CultureInfo.InvariantCulture);
}
