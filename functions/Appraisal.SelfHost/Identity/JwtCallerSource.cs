using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;

namespace Appraisal.SelfHost.Identity;

/// <summary>The caller in the self-host: the <c>Authorization: Bearer</c> token, checked by <see cref="JwtTokens"/>; for
/// reading (GET, HEAD) also the sign-in cookie a browser holds (<see cref="SignInEndpoints"/>).</summary>
public sealed class JwtCallerSource(JwtTokens tokens) : ICallerSource
{
    public async Task<Caller?> GetAsync(HttpRequest request, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.FirstOrDefault();
        if (header is null && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.Cookies[SignInEndpoints.Cookie] is { Length: > 0 and <= 8192 } cookie)
        {
            return await tokens.ValidateAsync(cookie, cancel).ConfigureAwait(false);
        }

        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 8192)
        {
            return null;
        }

        return await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), cancel).ConfigureAwait(false);
    }
}
