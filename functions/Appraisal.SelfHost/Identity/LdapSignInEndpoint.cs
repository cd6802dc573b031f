using System.Globalization;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.SelfHost.Identity;

/// <summary>POST /signin where the office's directory is LDAP (<c>SignIn:Directory=Ldap</c>): the user name and password
/// of the sign-in form, checked by <see cref="LdapDirectory"/> unless the account or the client address is locked out;
/// the person's roles from their groups (<see cref="SignInOptions.RolesOf"/>), their id, office and department from their
/// entry. Each refusal is audited and answered with a readable page; no password is logged or audited.</summary>
internal static class LdapSignInEndpoint
{
    public static async Task<IResult> SignInAsync(HttpRequest request, IFormCollection form, SignInOptions options, string? returnUrl, CancellationToken cancel)
    {
        var services = request.HttpContext.RequestServices;
        var audit = services.GetRequiredService<SignInAudit>();
        var lockout = services.GetRequiredService<SignInLockout>();
        var http = request.HttpContext;
        var language = RequestLanguage.Of(request);

        var user = form["user"].FirstOrDefault()?.Trim() ?? string.Empty;
        var password = form["password"].FirstOrDefault() ?? string.Empty;
        if (user.Length is 0 or > LdapDirectory.MaxUserLength || user.Any(char.IsControl) || password.Length is 0 or > LdapDirectory.MaxPasswordLength)
        {
            await audit.FailedAsync(http, SignInMethod.Ldap, user, "user name or password empty or out of bounds", cancel).ConfigureAwait(false);
            return await SignInEndpoints.FormAsync(request, options, Html.T(language, "请输入用户名和密码。", "Enter your user name and password."), 400, returnUrl).ConfigureAwait(false);
        }

        // Checked before the directory is asked: a locked account's password is not tried at all.
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (await lockout.LockedUntilAsync(user, address, cancel).ConfigureAwait(false) is { } until)
        {
            await audit.FailedAsync(http, SignInMethod.Ldap, user, "locked out until " + until.ToString("u", CultureInfo.InvariantCulture), cancel).ConfigureAwait(false);
            var wait = Math.Max(1, (int)Math.Ceiling((until - DateTimeOffset.UtcNow).TotalSeconds));
            http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            return SignInPages.Refused(request,
                $"登录失败次数过多，该账户或本机地址已被暂时锁定，请于 {Html.Beijing(until)}（北京时间）后再试。",
                $"Too many failed sign-ins: this account or this computer's address is locked until {Html.Beijing(until)} (Beijing time).",
                StatusCodes.Status429TooManyRequests, returnUrl);
        }

        var outcome = await services.GetRequiredService<LdapDirectory>().AuthenticateAsync(user, password, cancel).ConfigureAwait(false);
        switch (outcome)
        {
            case LdapSignIn.BadCredentials bad:
                await lockout.FailedAsync(user, address, cancel).ConfigureAwait(false);
                await audit.FailedAsync(http, SignInMethod.Ldap, user, "bad credentials: " + bad.Reason, cancel).ConfigureAwait(false);
                return await SignInEndpoints.FormAsync(request, options, Html.T(language, "用户名或密码错误。", "The user name or password is wrong."), 401, returnUrl, user).ConfigureAwait(false);

            case LdapSignIn.Ambiguous ambiguous:
                await audit.FailedAsync(http, SignInMethod.Ldap, user, $"the directory has {ambiguous.Found} entries for the name", cancel).ConfigureAwait(false);
                return SignInPages.Refused(request,
                    "目录中有多个条目使用此用户名，无法确定您的身份，请联系管理员。",
                    "The directory holds more than one entry with this user name, so you cannot be told apart; ask the administrator.",
                    StatusCodes.Status403Forbidden, returnUrl);

            case LdapSignIn.SignedIn { Entry: var entry }:
                return await SignedInAsync(request, options, user, entry, returnUrl, cancel).ConfigureAwait(false);

            default:
                await audit.FailedAsync(http, SignInMethod.Ldap, user, "directory unavailable", cancel).ConfigureAwait(false);
                return SignInPages.Refused(request,
                    "暂时无法连接本院目录服务，请稍后再试；如持续出现，请联系管理员。",
                    "The office's directory cannot be reached just now; try again later, and if it persists, tell the administrator.",
                    StatusCodes.Status503ServiceUnavailable, returnUrl);
        }
    }

    private static async Task<IResult> SignedInAsync(HttpRequest request, SignInOptions options, string user, LdapEntry entry, string? returnUrl, CancellationToken cancel)
    {
        var services = request.HttpContext.RequestServices;
        var audit = services.GetRequiredService<SignInAudit>();
        var roles = options.RolesOf(entry.Groups);
        if (roles.Count == 0)
        {
            await audit.FailedAsync(request.HttpContext, SignInMethod.Ldap, user, "in no group that gives a role", cancel).ConfigureAwait(false);
            return SignInPages.Refused(request,
                "您不在任何已授权的用户组中，无法使用本系统。如需使用，请联系考核办或管理员。",
                "You are in none of the groups allowed to use this system. Ask the appraisal office or the administrator if you need it.",
                StatusCodes.Status403Forbidden, returnUrl);
        }

        // The entry's values become the actor of every record the person touches: each must be an id (no control
        // characters, no storage-key characters, at most 64), as the organisation file's are.
        var office = entry.OfficeId ?? options.OfficeId;
        if (!Domain.Inputs.IdRules.IsValid(entry.PersonId, out var why) || (office is not null && !Domain.Inputs.IdRules.IsValid(office, out why))
            || (entry.DepartmentId is not null && !Domain.Inputs.IdRules.IsValid(entry.DepartmentId, out why)))
        {
            await audit.FailedAsync(request.HttpContext, SignInMethod.Ldap, user, "the entry's person, office or department id: " + why, cancel).ConfigureAwait(false);
            return SignInPages.Refused(request,
                "您的目录条目缺少有效的人员编号（或其院、部门编号无效），无法对应到本院人员，请联系管理员。",
                "Your directory entry has no valid person id (or its office or department id is not valid), so it matches no one of the office; ask the administrator.",
                StatusCodes.Status403Forbidden, returnUrl);
        }

        var caller = new Caller(entry.PersonId!, roles, office, entry.DepartmentId);
        await services.GetRequiredService<SignInLockout>().SucceededAsync(user, cancel).ConfigureAwait(false);
        return await services.GetRequiredService<BrowserSessions>().StartAsync(request.HttpContext, caller, SignInMethod.Ldap, user, returnUrl, cancel).ConfigureAwait(false);
    }
}
