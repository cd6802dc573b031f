using Appraisal.Storage.SignIn;

namespace Appraisal.Storage.Tests.SignIn;

/// <summary>Sign-in state in storage: the failure counts every concurrent failure, locks at the limit for the time
/// given, starts again after the window; a session is found by its id only, and kept as a hash.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SignInStorageTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ConcurrentFailures_AllCount_AndTheLimitLocksForTheDuration()
    {
        var failures = new SignInFailureRepository(await AzuriteFixture.FreshAccountAsync());
        var window = TimeSpan.FromMinutes(15);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => failures.CountAsync("account", "ZhangSan", 10, window, TimeSpan.FromMinutes(30), At)));
        var eight = await failures.GetAsync("account", "zhangsan");
        Assert.Equal((8, (DateTimeOffset?)null), (eight!.Failures, eight.LockedUntil));

        await failures.CountAsync("account", "zhangsan", 10, window, TimeSpan.FromMinutes(30), At.AddMinutes(1));
        var locked = await failures.CountAsync("account", "zhangsan", 10, window, TimeSpan.FromMinutes(30), At.AddMinutes(2));
        Assert.Equal((10, At.AddMinutes(32)), (locked.Failures, locked.LockedUntil));
        Assert.Null(await failures.GetAsync("address", "zhangsan"));

        // After the window a failure counts from one again; clearing forgets the account.
        var later = await failures.CountAsync("account", "zhangsan", 10, window, TimeSpan.FromMinutes(30), At.AddMinutes(40));
        Assert.Equal((1, (DateTimeOffset?)null, At.AddMinutes(40)), (later.Failures, later.LockedUntil, later.WindowStart));
        await failures.ClearAsync("account", "ZHANGSAN");
        Assert.Null(await failures.GetAsync("account", "zhangsan"));
    }

    [Fact]
    public async Task ASession_IsFoundByItsIdOnly_AndStoredUnderItsHash()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var sessions = new SessionRepository(account);
        var id = SessionRepository.NewId();
        await sessions.AddAsync(id, new BrowserSession("E0005", ["Staff"], "sample-basic", "D03", "ldap", "zhangsan", At, At, At.AddHours(10)));

        Assert.Equal("E0005", (await sessions.GetAsync(id))?.Value.UserId);
        Assert.Null(await sessions.GetAsync(SessionRepository.NewId()));
        Assert.Null(await sessions.GetAsync(id + "x"));
        await foreach (var row in account.Table(TableNames.Sessions).QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            Assert.DoesNotContain(id, row.RowKey + row.PartitionKey, StringComparison.Ordinal);
        }

        var stored = (await sessions.GetAsync(id))!;
        await sessions.TouchAsync(stored, At.AddMinutes(5));
        await sessions.TouchAsync(stored, At.AddMinutes(6));
        Assert.Equal(At.AddMinutes(5), (await sessions.GetAsync(id))!.Value.LastSeenAt);
        await sessions.DeleteAsync(id);
        await sessions.DeleteAsync(id);
        Assert.Null(await sessions.GetAsync(id));
    }

    [Fact]
    public async Task EndedSessionsAndStaleCounts_AreCleared_AndNothingElse()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var sessions = new SessionRepository(account);
        var idle = TimeSpan.FromMinutes(30);
        var (live, expired, idled) = (SessionRepository.NewId(), SessionRepository.NewId(), SessionRepository.NewId());
        BrowserSession Session(DateTimeOffset lastSeen, DateTimeOffset expires) => new("E0005", ["Staff"], "sample-basic", "D03", "ldap", "zhangsan", At, lastSeen, expires);
        await sessions.AddAsync(live, Session(At.AddMinutes(50), At.AddHours(10)));
        await sessions.AddAsync(expired, Session(At.AddMinutes(55), At.AddMinutes(58)));
        await sessions.AddAsync(idled, Session(At.AddMinutes(10), At.AddHours(10)));

        Assert.Equal(2, await sessions.DeleteEndedAsync(At.AddHours(1), idle, 1000));
        Assert.NotNull(await sessions.GetAsync(live));
        Assert.Null(await sessions.GetAsync(expired));
        Assert.Null(await sessions.GetAsync(idled));

        var failures = new SignInFailureRepository(account);
        var (window, lockFor) = (TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15));
        await failures.CountAsync("account", "old", 5, window, lockFor, At);
        for (var i = 0; i < 5; i++)
        {
            await failures.CountAsync("account", "locked", 5, window, lockFor, At.AddMinutes(20));
        }

        await failures.CountAsync("address", "10.0.0.1", 20, window, lockFor, At.AddMinutes(50));
        Assert.Equal(1, await failures.DeleteStaleAsync(At.AddMinutes(30), 1000));
        Assert.Null(await failures.GetAsync("account", "old"));
        Assert.NotNull(await failures.GetAsync("account", "locked"));
        Assert.NotNull(await failures.GetAsync("address", "10.0.0.1"));
    }
}
