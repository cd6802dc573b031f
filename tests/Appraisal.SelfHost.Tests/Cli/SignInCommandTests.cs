using Appraisal.Storage.SignIn;

namespace Appraisal.SelfHost.Tests.Cli;

/// <summary><c>appraisal signin status|unlock</c>: an administrator sees a locked account and lifts the lock; the
/// address's count is its own; a command naming neither is refused.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SignInCommandTests
{
    [Fact]
    public async Task ALockedAccount_IsShownAndUnlocked_AndTheAddressKeepsItsCount()
    {
        var account = await AzuriteFixture.FreshAccountAsync();
        var failures = new SignInFailureRepository(account);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 5; i++)
        {
            await failures.CountAsync("account", "zhangsan", 5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), now);
            await failures.CountAsync("address", "10.1.0.7", 20, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), now);
        }

        var status = await CliRun.InvokeAsync(account.Options, "signin", "status", "--account", "ZhangSan");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("失败 5 次，锁定至", status.Output, StringComparison.Ordinal);
        Assert.NotNull(await failures.GetAsync("account", "zhangsan"));

        var unlock = await CliRun.InvokeAsync(account.Options, "signin", "unlock", "--account", "zhangsan", "--lang", "en");
        Assert.Equal(0, unlock.ExitCode);
        Assert.Contains("5 failure(s)", unlock.Output, StringComparison.Ordinal);
        Assert.Contains("cleared", unlock.Output, StringComparison.Ordinal);
        Assert.Null(await failures.GetAsync("account", "zhangsan"));
        Assert.Equal(5, (await failures.GetAsync("address", "10.1.0.7"))?.Failures);

        var neither = await CliRun.InvokeAsync(account.Options, "signin", "unlock");
        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("--account", neither.Error, StringComparison.Ordinal);
    }
}
