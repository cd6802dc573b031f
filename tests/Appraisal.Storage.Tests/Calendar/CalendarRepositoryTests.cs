using Appraisal.Domain.Calendar;
using Appraisal.Domain.Inputs;
using Appraisal.Storage.Calendar;

namespace Appraisal.Storage.Tests.Calendar;

/// <summary>The calendar's added years on a real Azurite: two administrators adding the same year at once — one is
/// stored, the other conflicts (409) and overwrites nothing; a replacement under a stale ETag conflicts (412) and
/// changes nothing; a year that would not read back is never written.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CalendarRepositoryTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.FromHours(8));

    private static HolidayYear Sample()
    {
        var errors = new InputErrors();
        return HolidayYearDocument.Read(CalendarSamples.Year2027, "2027.json", errors) ?? throw new InvalidOperationException(string.Join("; ", errors.Items));
    }

    [Fact]
    public async Task TwoAdministratorsAddingTheSameYear_OneIsStored_TheOtherConflicts()
    {
        var repository = new CalendarRepository(await AzuriteFixture.FreshAccountAsync());
        var year = Sample();

        var attempts = await Task.WhenAll(new[] { "admin-a", "admin-b" }.Select(async who =>
        {
            try
            {
                return (who, (await repository.AddAsync(year with { Notice = "通知 " + who }, who, Noon)).Value.StoredBy, 0);
            }
            catch (ConcurrencyConflictException ex)
            {
                return (who, (string?)null, ex.Status);
            }
        }));

        var winner = Assert.Single(attempts, a => a.Item2 is not null);
        var loser = Assert.Single(attempts, a => a.Item2 is null);
        Assert.Equal(409, loser.Item3);
        var stored = (await repository.GetAsync(2027))!;
        Assert.Equal((winner.who, "通知 " + winner.who), (stored.Value.StoredBy, CalendarRepository.Read(stored.Value).Notice));
        Assert.Equal([2027], (await repository.ListAsync()).Select(s => s.Value.Year));
    }

    [Fact]
    public async Task AReplacementUnderAStaleETag_Conflicts_AndChangesNothing()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new CalendarRepository(account);
        var first = await repository.AddAsync(Sample(), "admin-a", Noon);
        var corrected = await repository.ReplaceAsync(Sample() with { Notice = "更正通知" }, first.ETag, "admin-b", Noon.AddDays(1));
        var before = await StorageSnapshot.TakeAsync(account);

        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => repository.ReplaceAsync(Sample() with { Notice = "基于旧版本" }, first.ETag, "admin-c", Noon.AddDays(2)));

        Assert.Equal(412, stale.Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        var stored = (await repository.GetAsync(2027))!;
        Assert.Equal(("更正通知", "admin-b", corrected.ETag), (CalendarRepository.Read(stored.Value).Notice, stored.Value.StoredBy, stored.ETag));
    }

    [Fact]
    public async Task AYearThatWouldNotReadBack_IsNeverWritten()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var repository = new CalendarRepository(account);
        var year = Sample();
        var before = await StorageSnapshot.TakeAsync(account);

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => repository.AddAsync(year with { Holidays = [.. year.Holidays.Where(h => h.Name != "清明节")] }, "admin-a", Noon));

        Assert.Contains("found no 清明节", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(account));
        Assert.Null(await repository.GetAsync(2027));
    }
}
