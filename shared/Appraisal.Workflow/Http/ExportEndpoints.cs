using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>Downloads of a cycle's results: <c>results.xlsx</c> (a sheet each for the ranking, the scorecard lines and
/// the departments) or one of them as CSV (<c>ranking.csv</c>, <c>lines.csv</c>, <c>departments.csv</c>); headings in
/// the reader's language. A department head gets their own department's scorecards only.</summary>
public static class ExportEndpoints
{
    public static IReadOnlyList<string> Files => ResultQueries.ExportFiles;

    /// <summary>GET cycles/{officeId}/{period}/exports/{file}.</summary>
    public static Task<IResult> DownloadAsync(HttpRequest request, string officeId, string period, string file) =>
        Handler.RunAsync(request, AccessRule.ReadResults, officeId, null, async (caller, services, cancel) =>
        {
            var download = await services.GetRequiredService<ResultQueries>().ExportAsync(caller!, officeId, period, file, RequestLanguage.Of(request), cancel).ConfigureAwait(false);
            return Results.File(download.Content, download.ContentType, download.FileName);
        });
}
