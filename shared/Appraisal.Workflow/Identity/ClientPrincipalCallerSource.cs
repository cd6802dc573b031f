using Appraisal.Workflow.Cycle;
using Microsoft.AspNetCore.Http;

namespace Appraisal.Workflow.Identity;

/// <summary>The caller on Azure: App Service Authentication (Entra ID) puts the signed-in principal in the
/// <c>x-ms-client-principal</c> header (<see cref="ClientPrincipal"/>). The platform removes the header from what
/// clients send, so it can be trusted only behind App Service Authentication — which the deployment turns on for the
/// Function App.</summary>
/// <remarks>
/// The person is the one whose id in the organisation the configured claim carries
/// (<see cref="PrincipalClaimOptions.PersonIdClaim"/>, <c>employeeid</c> by default); roles come from the app
/// registration's app roles, in either claim form App Service passes (<c>roles</c> or the long role URI); office and
/// department from their claims. No header: not signed in (null, 401). A principal without the person claim is
/// signed in but is nobody of the organisation, and every endpoint that checks a role acts for or records a person:
/// it is refused with 403 and a message naming the claim the administrator has to issue — never taken to be its
/// Entra object id.
/// </remarks>
public sealed class ClientPrincipalCallerSource(PrincipalClaimOptions names) : ICallerSource
{
    public const string Header = "x-ms-client-principal";

    public Task<Caller?> GetAsync(HttpRequest request, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ClientPrincipal.Parse(request.Headers[Header].FirstOrDefault()) is not { } principal)
        {
            return Task.FromResult<Caller?>(null);
        }

        var who = principal.Name ?? principal.ObjectId ?? "?";
        var caller = principal.ToCaller(names)
            ?? throw new RequestRefusedException(403, Access.Field,
                $"expected the signed-in account {who} to carry the claim '{names.PersonIdClaim}' with the person's id in the organisation, found none; the administrator issues it in the app registration",
                $"已登录账户 {who} 缺少声明 '{names.PersonIdClaim}'（本人在组织机构中的人员编号），无法确认是哪位人员；请管理员在应用注册中配置该声明");
        return Task.FromResult<Caller?>(caller);
    }
}
