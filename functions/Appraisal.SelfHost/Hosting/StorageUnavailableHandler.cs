using Appraisal.SelfHost.Identity;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Pages;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Appraisal.SelfHost.Hosting;

/// <summary>Storage that did not answer a request in time, or failed past its retries, where no handler of the
/// workbench caught it (signing in and out): 503 with <c>Retry-After</c> — a readable page for a browser, a problem
/// otherwise — instead of a 500. The workbench's own handlers and pages answer the same themselves.</summary>
internal sealed class StorageUnavailableHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (RequestRefusedException.FromStorage(exception) is not { Status: 503, RetryAfter: { } after } refusal)
        {
            return false;
        }

        var request = httpContext.Request;
        var language = RequestLanguage.Of(request);
        httpContext.Response.Headers.RetryAfter = $"{(long)Math.Ceiling(after.TotalSeconds)}";
        var result = request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
            ? SignInPages.Page(language, Html.T(language, "暂时无法使用，请稍后重试", "Not available right now; try again shortly"),
                $"""<p class="warn" role="alert">{Html.E(refusal.Text(language))}</p>""", 503)
            : Results.Problem(refusal.Text(language), statusCode: 503, title: Html.T(language, "暂不可用，请稍后重试", "Not available yet; retry"),
                extensions: new Dictionary<string, object?> { ["field"] = refusal.Field });
        await result.ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }
}
