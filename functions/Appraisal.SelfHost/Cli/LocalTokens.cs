using Appraisal.SelfHost.Identity;
using Appraisal.Storage;
using Appraisal.Storage.Secrets;
using Appraisal.Workflow.Identity;

namespace Appraisal.SelfHost.Cli;

/// <summary>The bearer token a command sends: <c>APPRAISAL_TOKEN</c> when set (a token someone issued you); otherwise,
/// where the CLI can read the self-host's signing key (<c>Auth__SigningKey</c>, or the key the host generated in the
/// storage <c>Storage__*</c> names), a short-lived token for the person and role the command acts as — the operator's
/// tool on the host's own machine. Tokens are cached per caller for the run.</summary>
internal static class LocalTokens
{
    private static readonly Lazy<JwtTokens> Tokens = new(() => new JwtTokens(
        new AuthOptions { SigningKey = Environment.GetEnvironmentVariable("Auth__SigningKey") },
        new SecretStore(new StorageAccount(StorageSettings.FromEnvironment()))));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<string>> Cache = new(StringComparer.Ordinal);

    public static Task<string?> ForAsync(Caller? caller, CancellationToken cancel)
    {
        if (Environment.GetEnvironmentVariable("APPRAISAL_TOKEN") is { Length: > 0 } given)
        {
            return Task.FromResult<string?>(given);
        }

        if (caller is null)
        {
            return Task.FromResult<string?>(null);
        }

        var key = $"{caller.UserId}|{string.Join(",", caller.Roles.Order())}|{caller.OfficeId}|{caller.DepartmentId}";
        return Cache.GetOrAdd(key, _ => Tokens.Value.IssueAsync(caller, TimeSpan.FromHours(1), cancel)).ContinueWith(t => (string?)t.Result, cancel, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    /// <summary>A caller of one role, in an office (and department).</summary>
    public static Caller As(string user, Role role, string? office, string? department = null) => new(user, new HashSet<Role> { role }, office, department);
}
