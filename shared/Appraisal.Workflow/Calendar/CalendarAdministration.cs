using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Appraisal.Domain.Calendar;
using Appraisal.Domain.Inputs;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Calendar;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Azure;

namespace Appraisal.Workflow.Calendar;

/// <summary>Where a year of the working-day calendar comes from: shipped with the software, added by an administrator,
/// or added over a shipped year (a corrected notice).</summary>
public enum CalendarYearSource
{
    Shipped,
    Added,
    Replaced,
}

/// <summary>One year of the calendar as it stands: its arrangement, where it comes from, who stored it and when (an
/// added year), and the ETag a replacement names (<see cref="CalendarAdministration.ShippedTag"/> for a shipped year
/// not stored over).</summary>
public sealed record CalendarYearView(HolidayYear Year, CalendarYearSource Source, ETag ETag, string? StoredBy, DateTimeOffset? StoredAt)
{
    public string Document => HolidayYearDocument.Write(Year);
}

/// <summary>The calendar's years for administrators (API, page and command line alike): every year listed with where it
/// comes from, one shown, one added or replaced. Reading is <see cref="AccessRule.ReadCalendar"/>, changing
/// <see cref="AccessRule.ManageCalendar"/>, each checked once here. A document is stored only when it reads without an
/// error (each refused at its JSON path, 422, nothing stored) and fits beside the other years (no date in two years).
/// A year the calendar holds is replaced only by naming the version read (If-Match: its ETag, or
/// <see cref="ShippedTag"/> for a shipped year): adding it again is a conflict (409), a stale tag 412. Every change is
/// audited in the one province-wide chain of the calendar (<see cref="AuditChain"/>), with the SHA-256 of the document
/// before and after.</summary>
public sealed class CalendarAdministration(CalendarRepository years, AuditLog audit, StoredCalendarSource source, TimeProvider clock)
{
    /// <summary>The ETag of a shipped year no administrator has stored over: the version a corrected notice replaces.</summary>
    public static readonly ETag ShippedTag = new("\"shipped\"");

    /// <summary>The audit chain of every calendar change (office <c>calendar</c>, period <c>years</c>): the calendar is
    /// the province's, not an office's, so its changes are one chain of their own.</summary>
    public static readonly (string Office, string Period) AuditChain = ("calendar", "years");

    public const string AddedAction = "calendar.added";
    public const string ReplacedAction = "calendar.replaced";

    /// <summary>Every year of the calendar, shipped and added, in order.</summary>
    public async Task<IReadOnlyList<CalendarYearView>> ListAsync(Caller caller, CancellationToken cancel)
    {
        Access.Authorize(caller, AccessRule.ReadCalendar);
        var stored = (await years.ListAsync(cancel).ConfigureAwait(false)).ToDictionary(s => s.Value.Year);
        return WorkingCalendar.Shipped.Years.Concat(stored.Keys).Distinct().Order()
            .Select(y => View(y, stored.GetValueOrDefault(y)))
            .ToList();
    }

    /// <summary>One year; 404 when the calendar does not hold it.</summary>
    public async Task<CalendarYearView> GetAsync(Caller caller, int year, CancellationToken cancel)
    {
        Access.Authorize(caller, AccessRule.ReadCalendar);
        return View(year, await years.GetAsync(year, cancel).ConfigureAwait(false));
    }

    /// <summary>Adds a year (<paramref name="ifMatch"/> null) or replaces the version read (<paramref name="ifMatch"/>
    /// its ETag). <paramref name="routeYear"/>, when given, is the year the request names, which the document must be.
    /// Returns the year as stored and whether it was new.</summary>
    public async Task<(CalendarYearView Year, bool Added)> StoreAsync(Caller caller, string document, int? routeYear, ETag? ifMatch, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Access.Authorize(caller, AccessRule.ManageCalendar);
        var year = Validate(document, routeYear);
        // One read of every added year: the one to replace (if any) and the others its dates must not clash with.
        var all = await years.ListAsync(cancel).ConfigureAwait(false);
        var stored = all.FirstOrDefault(s => s.Value.Year == year.Year);
        var shipped = WorkingCalendar.Shipped.Year(year.Year);
        var others = all.Where(s => s.Value.Year != year.Year).Select(s => CalendarRepository.Read(s.Value));
        Fits(year, others);

        var now = clock.GetUtcNow();
        string? before;
        Storage.Infrastructure.Stored<StoredHolidayYear> written;
        if (ifMatch is not { } tag)
        {
            if (stored is not null || shipped is not null)
            {
                throw new RequestRefusedException(409, "year", $"expected a year the calendar does not hold, found {year.Year} there already ({(stored is null ? "shipped" : "added")}): to replace it with a corrected notice, send the ETag read with it (If-Match)",
                    $"日历中已有 {year.Year} 年的节假日安排（{(stored is null ? "随软件提供" : "已添加")}）；如需按更正通知替换，请带上读取时取得的 ETag（If-Match）");
            }

            before = null;
            written = await years.AddAsync(year, caller.UserId, now, cancel).ConfigureAwait(false);
        }
        else if (stored is not null)
        {
            // A tag that is not the one stored is stale whatever its form (storage would refuse a malformed one as bad
            // input); the write itself is still guarded by it, for a change made between this read and the write.
            if (tag != stored.ETag)
            {
                throw new RequestRefusedException(412, "If-Match", $"expected the current ETag of {year.Year} ({stored.ETag}), found '{tag}' (changed by someone else since it was read)",
                    $"{year.Year} 年的节假日安排已被他人更改，请重新读取（取得新的 ETag）后再试");
            }

            before = Hash(stored.Value.Document);
            written = await years.ReplaceAsync(year, tag, caller.UserId, now, cancel).ConfigureAwait(false);
        }
        else if (shipped is not null && tag == ShippedTag)
        {
            before = Hash(HolidayYearDocument.Write(shipped));
            written = await years.AddAsync(year, caller.UserId, now, cancel).ConfigureAwait(false);
        }
        else
        {
            throw new RequestRefusedException(412, "If-Match", $"expected the ETag of {year.Year} as the calendar holds it, found '{tag}' ({(shipped is null ? "the year is not in the calendar: add it without If-Match" : $"the shipped year's is {ShippedTag}")})",
                $"If-Match 与日历中 {year.Year} 年的当前版本不符（{(shipped is null ? "日历中尚无该年，添加时不要带 If-Match" : "请重新读取后再试")}）");
        }

        source.Invalidate();
        await audit.AppendAsync(AuditChain.Office, AuditChain.Period, caller.UserId, before is null ? AddedAction : ReplacedAction,
            $"calendar/{year.Year.ToString(CultureInfo.InvariantCulture)}", before, $"{Hash(written.Value.Document)} {year.Notice}", now, cancel).ConfigureAwait(false);
        return (View(year.Year, written), before is null);
    }

    /// <summary>Reads a document: each error at its JSON path (422, the first as the field), the year the one named.</summary>
    public static HolidayYear Validate(string document, int? routeYear)
    {
        var errors = new InputErrors();
        var year = HolidayYearDocument.Read(document ?? string.Empty, "calendar", errors);
        if (year is null)
        {
            var first = errors.Items[0];
            throw new RequestRefusedException(422, first.Field, first.Message, first.MessageZh, errors.Items);
        }

        if (routeYear is { } named && named != year.Year)
        {
            throw new RequestRefusedException(400, "$.year", $"expected the year {named} (as the request names it), found {year.Year}",
                $"文档年份应为请求所指的 {named}，实际为 {year.Year}");
        }

        return year;
    }

    /// <summary>Refuses (422, at <c>$.holidays</c>) a year whose days clash with another year's — 元旦's days off from
    /// the December before, already in that year.</summary>
    private static void Fits(HolidayYear year, IEnumerable<HolidayYear> others)
    {
        try
        {
            _ = WorkingCalendar.Shipped.With(others).With([year]);
        }
        catch (ArgumentException ex)
        {
            var detail = ex.Message.Split(" (Parameter", 2)[0];
            throw new RequestRefusedException(422, "$.holidays", $"expected dates no other year of the calendar holds, found {detail}",
                $"日期不能与日历中其他年份重复：{detail}", [new InputError("calendar", 0, "$.holidays", $"expected dates no other year of the calendar holds, found {detail}", $"日期不能与日历中其他年份重复：{detail}")]);
        }
    }

    private static CalendarYearView View(int year, Storage.Infrastructure.Stored<StoredHolidayYear>? stored)
    {
        var shipped = WorkingCalendar.Shipped.Year(year);
        if (stored is not null)
        {
            return new CalendarYearView(CalendarRepository.Read(stored.Value), shipped is null ? CalendarYearSource.Added : CalendarYearSource.Replaced,
                stored.ETag, stored.Value.StoredBy, stored.Value.StoredAt);
        }

        return shipped is not null
            ? new CalendarYearView(shipped, CalendarYearSource.Shipped, ShippedTag, null, null)
            : throw new RequestRefusedException(404, "year", $"expected a year the calendar holds ({string.Join(", ", WorkingCalendar.Shipped.Years)} shipped, or one added), found none for {year}",
                $"日历中没有 {year} 年的节假日安排");
    }

    private static string Hash(string document) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
}
