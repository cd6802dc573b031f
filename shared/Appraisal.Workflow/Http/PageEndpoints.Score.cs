using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>A person's running score this quarter (我的成绩), from the monthly bulletins.</summary>
public static partial class PageEndpoints
{
    /// <summary>GET pages/offices/{officeId}/people/{personId}/running-score?quarter=: the quarter's monthly figures
    /// (this quarter, in Beijing time, unless another is named).</summary>
    public static Task<IResult> RunningScoreAsync(HttpRequest request, string officeId, string personId) =>
        RunAsync(request, AccessRule.ReadDossier, officeId, async (caller, services, language, cancel) =>
        {
            var score = await services.GetRequiredService<RunningScoreQueries>().ForAsync(caller!, officeId, personId, request.Query["quarter"].FirstOrDefault(), cancel).ConfigureAwait(false);
            return await RenderAsync<Pages.Components.RunningScorePage>(request, caller, language, new() { ["Score"] = score }).ConfigureAwait(false);
        });
}
