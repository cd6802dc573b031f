using Microsoft.AspNetCore.Http;

namespace Appraisal.Workflow.Identity;

/// <summary>How a host says who is calling: on Azure the App Service Authentication principal, in the self-host a
/// signed bearer token. Null: no credentials, or credentials that do not hold (401). Credentials that hold but name no
/// person of the organisation are refused (<see cref="Cycle.RequestRefusedException"/>, 403): signed in, but nobody
/// the workflow can act for.</summary>
public interface ICallerSource
{
    Task<Caller?> GetAsync(HttpRequest request, CancellationToken cancel);
}
