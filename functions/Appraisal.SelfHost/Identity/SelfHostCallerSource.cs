using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;

namespace Appraisal.SelfHost.Identity;

/// <summary>The caller in the self-host: the <c>Authorization: Bearer</c> token of a script or service account, checked
/// by <see cref="JwtTokens"/>; without one, for reading (GET, HEAD) and for the pages' own forms, the browser's session
/// (<see cref="BrowserSessions"/>).</summary>
public sealed class SelfHostCallerSource(JwtTokens tokens, BrowserSessions sessions) : ICallerSource
{
    public async Task<Caller?> GetAsync(HttpRequest request, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.FirstOrDefault();
        if (header is null && ReadsOrPageForm(request))
        {
            return await sessions.FindAsync(request, cancel).ConfigureAwait(false);
        }

        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 8192)
        {
            return null;
        }

        return await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), cancel).ConfigureAwait(false);
    }

    /// <summary>The session stands for reading, and for the pages' own forms (which carry an anti-forgery value and
    /// whose cookie a page elsewhere cannot make the browser send with a POST: SameSite).</summary>
    private static bool ReadsOrPageForm(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
        || (HttpMethods.IsPost(request.Method) && request.HasFormContentType && request.Path.StartsWithSegments("/" + Workflow.Http.EndpointCatalog.RoutePrefix + "/pages", StringComparison.Ordinal));
}
