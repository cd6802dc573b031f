using Appraisal.Domain.Calendar;
using Appraisal.Storage;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Calendar;
using Appraisal.Workflow.Calendar;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Tests.Notifications;

namespace Appraisal.Workflow.Tests.Calendar;

/// <summary>The calendar's administered years through the one application service, on a real Azurite: an added year
/// (the 2027 test sample) is counted at once by the source of this process and within its minute by another's, which
/// reads storage at its first deadline and then at most once a minute, never when built; a
/// broken document is refused at each error's JSON path and nothing is stored or audited; a year the calendar holds is
/// replaced only under the ETag read; only a province-level administrator changes the calendar, and the appraisal
/// office reads it; every change is in the calendar's audit chain, which verifies.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CalendarAdministrationTests
{
    private static readonly Caller Admin = new("admin-1", new HashSet<Role> { Role.Administrator }, null, null);

    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static async Task<(StorageAccount Account, CalendarAdministration Admin, StoredCalendarSource Source, ManualClock Clock)> CreateAsync()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 20, 4, 0, 0, TimeSpan.Zero));
        var source = new StoredCalendarSource(new CalendarRepository(account), clock);
        return (account, new CalendarAdministration(new CalendarRepository(account), new AuditLog(account), source, clock), source, clock);
    }

    [Fact]
    public async Task AnAddedYear_IsCountedAtOnceHere_AndWithinTheMinuteByAnotherProcess()
    {
        var (account, admin, source, clock) = await CreateAsync();
        var elsewhere = new StoredCalendarSource(new CalendarRepository(account), clock);
        // Thursday 2026-12-31 10:00 Beijing, 3 working days: 12-31 does not count, 2027-01-01..03 are off (test sample),
        // so Monday 01-04 (1), 01-05 (2), 01-06 (3) → 2027-01-06 24:00 Beijing.
        var start = new DateTimeOffset(2026, 12, 31, 10, 0, 0, TimeSpan.FromHours(8));
        var shippedOnly = await source.CurrentAsync(default);
        Assert.Throws<CalendarYearMissingException>(() => shippedOnly.EndOfWorkingDays(start, 3, Beijing));
        Assert.Equal([2026], (await elsewhere.CurrentAsync(default)).Years);

        var (view, added) = await admin.StoreAsync(Admin, CalendarSamples.Year2027, 2027, null, default);

        Assert.True(added);
        Assert.Equal(CalendarYearSource.Added, view.Source);
        var here = await source.CurrentAsync(default);
        Assert.Equal([2026, 2027], here.Years);
        Assert.Equal(new DateTimeOffset(2027, 1, 7, 0, 0, 0, TimeSpan.FromHours(8)), here.EndOfWorkingDays(start, 3, Beijing));
        // Saturday 2027-02-20 is worked (调休) in the sample; Friday 2027-02-12 is off.
        Assert.True(here.IsWorkingDay(new DateOnly(2027, 2, 20)));
        Assert.False(here.IsWorkingDay(new DateOnly(2027, 2, 12)));

        // Another process keeps what it read for its minute, then reads storage again.
        Assert.Equal([2026], (await elsewhere.CurrentAsync(default)).Years);
        clock.Now += StoredCalendarSource.CacheFor;
        Assert.Equal([2026, 2027], (await elsewhere.CurrentAsync(default)).Years);
    }

    [Fact]
    public async Task TheSource_ReadsStorageOnlyAtTheFirstDeadline_ThenOnceAMinute()
    {
        var (account, _, _, clock) = await CreateAsync();
        var requests = account.Requests.Count;
        var source = new StoredCalendarSource(new CalendarRepository(account), clock);
        Assert.Equal(requests, account.Requests.Count);

        for (var i = 0; i < 20; i++)
        {
            await source.CurrentAsync(default);
        }

        Assert.Equal(requests + 1, account.Requests.Count);
        clock.Now += StoredCalendarSource.CacheFor - TimeSpan.FromSeconds(1);
        await source.CurrentAsync(default);
        Assert.Equal(requests + 1, account.Requests.Count);
        clock.Now += TimeSpan.FromSeconds(1);
        await source.CurrentAsync(default);
        Assert.Equal(requests + 2, account.Requests.Count);
    }

    public static TheoryData<string, string, string, string> Broken() => new()
    {
        // What is changed in the 2027 sample, the path named, and words of the Chinese message.
        { "\"name\": \"清明节\"", "\"name\": \"寒食节\"", "$.holidays[2].name", "应为法定节日之一" },
        { "\"2027-05-08\"", "\"2027-05-07\"", "$.holidays[3].workedDays[1]", "周六或周日" },
        { "\"to\": \"2027-06-09\"", "\"to\": \"2027-06-08\"", "$.holidays[4]", "起止有序" },
        { "\"from\": \"2027-09-15\"", "\"from\": \"2027-09-31\"", "$.holidays[5].from", "格式的日期" },
        { "\"2027-09-26\"", "\"2027-10-03\"", "$.holidays[6].workedDays[0]", "每个日期只应出现一次" },
        { "\"year\": 2027", "\"year\": \"2027\"", "$.year", "无法读取" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task ABrokenDocument_IsRefusedAtEachErrorsPath_AndNothingIsStoredOrAudited(string find, string replace, string path, string zh)
    {
        var (account, admin, source, _) = await CreateAsync();
        var before = await StorageSnapshot.TakeAsync(account);

        var refused = await Assert.ThrowsAsync<RequestRefusedException>(() => admin.StoreAsync(Admin, CalendarSamples.Year2027With(find, replace), 2027, null, default));

        Assert.Equal(422, refused.Status);
        Assert.Contains(refused.Errors, e => e.Field == path && e.MessageZh.Contains(zh, StringComparison.Ordinal));
        Assert.Equal(refused.Errors[0].Field, refused.Field);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        Assert.Equal([2026], (await source.CurrentAsync(default)).Years);
    }

    [Fact]
    public async Task AYearTheCalendarHolds_IsReplacedOnlyUnderTheETagRead()
    {
        var (account, admin, source, _) = await CreateAsync();
        var (first, _) = await admin.StoreAsync(Admin, CalendarSamples.Year2027, 2027, null, default);
        var snapshot = await StorageSnapshot.TakeAsync(account);

        // Added again (no ETag): 409, whether added before or shipped.
        Assert.Equal(409, (await Assert.ThrowsAsync<RequestRefusedException>(() => admin.StoreAsync(Admin, CalendarSamples.Year2027, 2027, null, default))).Status);
        var shipped2026 = HolidayYearDocument.Write(WorkingCalendar.Shipped.Year(2026)!);
        Assert.Equal(409, (await Assert.ThrowsAsync<RequestRefusedException>(() => admin.StoreAsync(Admin, shipped2026, 2026, null, default))).Status);
        // The route's year is the document's.
        Assert.Equal((400, "$.year"), await StatusAsync(() => admin.StoreAsync(Admin, CalendarSamples.Year2027, 2028, null, default)));
        Assert.Equal(snapshot, await StorageSnapshot.TakeAsync(account));

        // A corrected notice under the ETag read: replaced; under the old one again: 412, nothing changed.
        var corrected = CalendarSamples.Year2027With("\"to\": \"2027-06-09\"", "\"to\": \"2027-06-11\"");
        var (replaced, added) = await admin.StoreAsync(Admin, corrected, 2027, first.ETag, default);
        Assert.False(added);
        Assert.Equal(new DateOnly(2027, 6, 11), replaced.Year.Holidays[4].To);
        Assert.False((await source.CurrentAsync(default)).IsWorkingDay(new DateOnly(2027, 6, 11)));
        var afterReplace = await StorageSnapshot.TakeAsync(account);
        Assert.Equal((412, "If-Match"), await StatusAsync(() => admin.StoreAsync(Admin, CalendarSamples.Year2027, 2027, first.ETag, default)));
        Assert.Equal((412, "If-Match"), await StatusAsync(() => admin.StoreAsync(Admin, CalendarSamples.Year2027, 2027, new Azure.ETag("not-a-tag"), default)));
        Assert.Equal(afterReplace, await StorageSnapshot.TakeAsync(account));

        // The shipped 2026 replaced by a corrected notice under its tag "shipped"; a wrong tag for a shipped year is 412.
        Assert.Equal((412, "If-Match"), await StatusAsync(() => admin.StoreAsync(Admin, shipped2026, 2026, new Azure.ETag("\"other\""), default)));
        var (over, _) = await admin.StoreAsync(Admin, shipped2026.Replace("2025年11月4日", "更正", StringComparison.Ordinal), 2026, CalendarAdministration.ShippedTag, default);
        Assert.Equal(CalendarYearSource.Replaced, over.Source);
        Assert.Equal([(2026, CalendarYearSource.Replaced), (2027, CalendarYearSource.Added)], (await admin.ListAsync(Admin, default)).Select(y => (y.Year.Year, y.Source)));

        // Every change in the calendar's chain, which verifies.
        var audit = new AuditLog(account);
        var entries = await audit.ReadAsync(CalendarAdministration.AuditChain.Office, CalendarAdministration.AuditChain.Period);
        Assert.Equal([(CalendarAdministration.AddedAction, "calendar/2027"), (CalendarAdministration.ReplacedAction, "calendar/2027"), (CalendarAdministration.ReplacedAction, "calendar/2026")],
            entries.Select(e => (e.Action, e.Target)));
        Assert.All(entries, e => Assert.Equal("admin-1", e.Actor));
        Assert.Null(entries[0].Before);
        Assert.Equal(entries[0].After![..71], entries[1].Before);
        Assert.True((await audit.VerifyAsync(CalendarAdministration.AuditChain.Office, CalendarAdministration.AuditChain.Period)).Intact);
    }

    [Fact]
    public async Task OnlyAProvinceLevelAdministratorChangesTheCalendar_AndTheAppraisalOfficeReadsIt()
    {
        var (account, admin, _, _) = await CreateAsync();
        var before = await StorageSnapshot.TakeAsync(account);

        foreach (var caller in new[]
        {
            new Caller("office-1", new HashSet<Role> { Role.AppraisalOffice }, "sample-basic", null),
            new Caller("admin-o", new HashSet<Role> { Role.Administrator }, "sample-basic", null),
            new Caller("supervisor-1", new HashSet<Role> { Role.Supervisor }, null, null),
        })
        {
            Assert.Equal((403, Access.Field), await StatusAsync(() => admin.StoreAsync(caller, CalendarSamples.Year2027, 2027, null, default)));
        }

        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        foreach (var role in new[] { Role.Staff, Role.DepartmentHead, Role.PartyGroup, Role.Supervisor })
        {
            Assert.Equal((403, Access.Field), await StatusAsync(() => admin.ListAsync(new Caller("x", new HashSet<Role> { role }, "sample-basic", null), default)));
        }

        var office = new Caller("office-1", new HashSet<Role> { Role.AppraisalOffice }, "sample-basic", null);
        Assert.Equal([(2026, CalendarYearSource.Shipped)], (await admin.ListAsync(office, default)).Select(y => (y.Year.Year, y.Source)));
        Assert.Equal(CalendarAdministration.ShippedTag, (await admin.GetAsync(office, 2026, default)).ETag);
        Assert.Equal((404, "year"), await StatusAsync(() => admin.GetAsync(office, 2027, default)));
    }

    private static async Task<(int Status, string Field)> StatusAsync(Func<Task> action)
    {
        var refused = await Assert.ThrowsAsync<RequestRefusedException>(action);
        return (refused.Status, refused.Field);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
