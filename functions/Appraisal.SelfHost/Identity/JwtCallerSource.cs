using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;

namespace Appraisal.SelfHost.Identity;

/// <summary>The caller in the self-host: the <c>Authorization: Bearer</c> token, checked by <see cref="JwtTokens"/>.</summary>
public sealed class JwtCallerSource(JwtTokens tokens) : ICallerSource
{
    public async Task<Caller?> GetAsync(HttpRequest request, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 8192)
        {
            return null;
        }

        return await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), cancel).ConfigureAwait(false);
    }
}
