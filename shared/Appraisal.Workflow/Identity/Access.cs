using Appraisal.Workflow.Cycle;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Identity;

/// <summary>Checks a request against an endpoint's rule before anything else is read: no credentials → 401; a caller
/// without one of the rule's roles, or reaching outside their office or department → 403. Supervisors and
/// administrators with no office claim reach every office.</summary>
public static class Access
{
    public const string Field = "Authorization";

    public static async Task<Caller?> CheckAsync(HttpRequest request, AccessRule rule, string? officeId = null, string? departmentId = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Roles.Count == 0)
        {
            return null;
        }

        var source = request.HttpContext.RequestServices.GetRequiredService<ICallerSource>();
        var caller = await source.GetAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false)
            ?? throw new RequestRefusedException(401, Field, "expected a valid sign-in (a bearer token, or the App Service Authentication principal), found none",
                "应为有效的登录凭据（Bearer 令牌或 App Service 身份验证主体），实际没有");
        Authorize(caller, rule, officeId, departmentId);
        return caller;
    }

    /// <summary>The rule's roles and reach for a known caller (for an office named in the body, not the route).</summary>
    public static void Authorize(Caller? caller, AccessRule rule, string? officeId = null, string? departmentId = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (caller is null)
        {
            return;
        }

        var roles = caller.Roles.Where(rule.Allows).ToList();
        if (roles.Count == 0)
        {
            throw new RequestRefusedException(403, Field, $"expected one of the roles {string.Join(", ", rule.Roles)}, found {Names(caller)}",
                $"需要以下角色之一：{string.Join("、", rule.Roles)}，实际为 {Names(caller)}");
        }

        if (rule.Scope == AccessScope.Province && caller.OfficeId is { } office)
        {
            throw new RequestRefusedException(403, Field, $"expected a province-level caller (of no office), found one of office {office}",
                $"全省范围的操作须由省级人员办理，登录凭据属于 {office}");
        }

        if (rule.Scope != AccessScope.Any && officeId is not null && caller.OfficeId is { } own && own != officeId)
        {
            throw new RequestRefusedException(403, Field, $"expected a caller of office {officeId}, found one of {own}", $"只能操作本院（{own}）的数据，实际请求 {officeId}");
        }

        if (rule.Scope != AccessScope.Any && officeId is not null && caller.OfficeId is null && !roles.Any(r => r is Role.Supervisor or Role.Administrator))
        {
            throw new RequestRefusedException(403, Field, $"expected a caller of office {officeId}, found one with no office", $"只能操作本院的数据，登录凭据未说明所属院");
        }

        if (rule.Scope == AccessScope.Department && departmentId is not null && caller.DepartmentId != departmentId)
        {
            throw new RequestRefusedException(403, Field, $"expected {(roles.Contains(Role.DepartmentHead) ? "the head" : "a member")} of department {departmentId}, found one of {caller.DepartmentId ?? "no department"}",
                $"{(roles.Contains(Role.DepartmentHead) ? "部门负责人只能为本部门提交" : "只能为本人所在部门办理")}，本人部门为 {caller.DepartmentId ?? "（无）"}，请求 {departmentId}");
        }
    }

    /// <summary>A caller acting for a person must be that person (a Party-group member votes for themselves).</summary>
    public static void RequireSelf(Caller? caller, string? personId, string field)
    {
        if (caller is not null && !string.Equals(caller.UserId, personId, StringComparison.Ordinal))
        {
            throw new RequestRefusedException(403, field, $"expected the signed-in person {caller.UserId}, found '{personId}'", $"只能以本人（{caller.UserId}）名义操作，实际为 '{personId}'");
        }
    }

    private static string Names(Caller caller) => caller.Roles.Count == 0 ? "none" : string.Join(", ", caller.Roles);
}
