using Appraisal.Storage.SignIn;

namespace Appraisal.SelfHost.Identity;

/// <summary>Locks out guessing: <see cref="LockoutOptions.MaxFailures"/> failed sign-ins of one account, or
/// <see cref="LockoutOptions.MaxFailuresPerAddress"/> from one client address, within the window lock that account or
/// address for <see cref="LockoutOptions.Duration"/> — checked before the directory is asked, so a locked account's
/// password is not tried at all. A successful sign-in clears the account's count (not the address's).</summary>
public sealed class SignInLockout(SignInFailureRepository failures, SignInOptions options, TimeProvider clock)
{
    private const string Account = "account";
    private const string Address = "address";

    /// <summary>Until when the account or the address is locked (the later of the two), or null.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(string account, string address, CancellationToken cancel)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset? until = null;
        foreach (var (kind, name) in new[] { (Account, account), (Address, address) })
        {
            if (await failures.GetAsync(kind, name, cancel).ConfigureAwait(false) is { LockedUntil: { } locked } && locked > now && (until is null || locked > until))
            {
                until = locked;
            }
        }

        return until;
    }

    public async Task FailedAsync(string account, string address, CancellationToken cancel)
    {
        var lockout = options.Lockout;
        var now = clock.GetUtcNow();
        await failures.CountAsync(Account, account, lockout.MaxFailures, lockout.Window, lockout.Duration, now, cancel).ConfigureAwait(false);
        await failures.CountAsync(Address, address, lockout.MaxFailuresPerAddress, lockout.Window, lockout.Duration, now, cancel).ConfigureAwait(false);
    }

    public Task SucceededAsync(string account, CancellationToken cancel) => failures.ClearAsync(Account, account, cancel);
}
