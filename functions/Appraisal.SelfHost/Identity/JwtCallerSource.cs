using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;

namespace Appraisal.SelfHost.Identity;

/// <summary>The caller in the self-host: the <c>Authorization: Bearer</c> token, checked by <see cref="JwtTokens"/>; for
/// reading (GET, HEAD) and for the pages' forms also the sign-in cookie a browser holds (<see cref="SignInEndpoints"/>).</summary>
public sealed class JwtCallerSource(JwtTokens tokens) : ICallerSource
{
    public async Task<Caller?> GetAsync(HttpRequest request, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.FirstOrDefault();
        if (header is null && ReadsOrPageForm(request) && request.Cookies[SignInEndpoints.Cookie] is { Length: > 0 and <= 8192 } cookie)
        {
            return await tokens.ValidateAsync(cookie, cancel).ConfigureAwait(false);
        }

        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 8192)
        {
            return null;
        }

        return await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), cancel).ConfigureAwait(false);
    }

    /// <summary>The cookie stands for reading, and for the pages' own forms (which carry an anti-forgery value and
    /// whose cookie a page elsewhere never gets to send: SameSite=Strict).</summary>
    private static bool ReadsOrPageForm(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
        || (HttpMethods.IsPost(request.Method) && request.HasFormContentType && request.Path.StartsWithSegments("/" + Workflow.Http.EndpointCatalog.RoutePrefix + "/pages", StringComparison.Ordinal));
}
