using System.Globalization;
using System.Text.Json;
using Appraisal.Storage.Audit;
using Appraisal.Storage.SignIn;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;

namespace Appraisal.SelfHost.Identity;

/// <summary>Every sign-in, refused sign-in and sign-out in the audit log: the office's chain of the month
/// (<see cref="Period"/>, e.g. <c>sign-in-2026-12</c>), with the method, the account signed in with, the client address
/// and — for a refusal — why. Never a password: none reaches this class.</summary>
public sealed class SignInAudit(AuditLog log, SignInOptions options, TimeProvider clock)
{
    public const string SignedIn = "signin";
    public const string Failed = "signin.failed";
    public const string SignedOut = "signout";

    /// <summary>The chain of a month's sign-ins (UTC month).</summary>
    public static string Period(DateTimeOffset at) => "sign-in-" + at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public Task SignedInAsync(HttpContext http, SignInMethod method, string account, Caller caller, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return AppendAsync(caller.OfficeId, account, SignedIn, caller.UserId, Detail(http, method, null, caller.Roles.Select(r => r.ToString()).Order(StringComparer.Ordinal)), cancel);
    }

    /// <summary>A refused sign-in: <paramref name="reason"/> in English for the log (wrong credentials, locked, no role …).</summary>
    public Task FailedAsync(HttpContext http, SignInMethod method, string account, string reason, CancellationToken cancel) =>
        AppendAsync(null, account, Failed, account, Detail(http, method, reason, null), cancel);

    public Task SignedOutAsync(HttpContext http, BrowserSession session, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(session);
        return AppendAsync(session.OfficeId, session.Account, SignedOut, session.UserId, Detail(http, Enum.Parse<SignInMethod>(session.Method, ignoreCase: true), null, null), cancel);
    }

    private async Task AppendAsync(string? officeId, string account, string action, string target, string detail, CancellationToken cancel)
    {
        var now = clock.GetUtcNow();
        await log.AppendAsync(Office(officeId), Period(now), Bounded(account), action, Bounded(target), null, detail, now, cancel).ConfigureAwait(false);
    }

    /// <summary>The person's office, else the office the directory serves, else a chain of its own for sign-ins that name
    /// no office (an id that is no id, such as a token's made-up office, names none).</summary>
    private string Office(string? officeId) =>
        new[] { officeId, options.OfficeId }.FirstOrDefault(o => Domain.Inputs.IdRules.IsValid(o, out _)) ?? "directory";

    /// <summary>An account name as typed may be anything: kept to 128 characters without control characters.</summary>
    private static string Bounded(string value)
    {
        var clean = new string(value.Where(c => !char.IsControl(c)).Take(128).ToArray());
        return clean.Length == 0 ? "(empty)" : clean;
    }

    private static string Detail(HttpContext http, SignInMethod method, string? reason, IEnumerable<string>? roles) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["method"] = BrowserSessions.Name(method),
            ["address"] = http.Connection.RemoteIpAddress?.ToString(),
            ["reason"] = reason,
            ["roles"] = roles?.ToArray(),
        }.Where(p => p.Value is not null).ToDictionary());
}
