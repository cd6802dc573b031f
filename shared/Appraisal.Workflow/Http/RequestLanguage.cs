using Appraisal.Domain.Text;
using Microsoft.AspNetCore.Http;

namespace Appraisal.Workflow.Http;

/// <summary>Picks the language of user-facing text for a request: Chinese unless Accept-Language prefers English.</summary>
internal static class RequestLanguage
{
    public static Language Of(HttpRequest request)
    {
        // OrderByDescending is stable, so equal qualities keep the caller's order.
        var preferred = request.GetTypedHeaders().AcceptLanguage
            .Where(v => v.Quality is not 0)
            .OrderByDescending(v => v.Quality ?? 1);
        foreach (var value in preferred)
        {
            var primary = value.Value.Value?.Split('-', 2)[0];
            if (string.Equals(primary, "zh", StringComparison.OrdinalIgnoreCase))
            {
                return Language.Zh;
            }

            if (string.Equals(primary, "en", StringComparison.OrdinalIgnoreCase))
            {
                return Language.En;
            }
        }

        return Language.Zh;
    }
}
