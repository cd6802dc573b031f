using Microsoft.AspNetCore.Http;

namespace Appraisal.Workflow.Identity;

/// <summary>How a host says who is calling: on Azure the App Service Authentication principal, in the self-host a
/// signed bearer token. Null: no credentials, or credentials that do not hold (401).</summary>
public interface ICallerSource
{
    Task<Caller?> GetAsync(HttpRequest request, CancellationToken cancel);
}
