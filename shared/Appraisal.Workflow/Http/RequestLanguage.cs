using Appraisal.Domain.Text;
using Microsoft.AspNetCore.Http;

namespace Appraisal.Workflow.Http;

/// <summary>Picks the language of user-facing text for a request: <c>?lang=zh|en</c> when given (a link or a page
/// can say it), else Accept-Language, else Chinese.</summary>
public static class RequestLanguage
{
    public static Language Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (request.Query["lang"].FirstOrDefault())
        {
            case "en":
                return Language.En;
            case "zh":
                return Language.Zh;
        }

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
