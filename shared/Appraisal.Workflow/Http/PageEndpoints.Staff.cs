using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>A person's own forms: the self-evaluation (个人自评/述职).</summary>
public static partial class PageEndpoints
{
    /// <summary>GET pages/cycles/{officeId}/{period}/self-evaluation: the signed-in person's self-evaluation form, filled
    /// with what they submitted before.</summary>
    public static Task<IResult> SelfEvaluationFormAsync(HttpRequest request, string officeId, string period) =>
        RunFormAsync(request, AccessRule.SelfEvaluate, officeId, async (caller, services, language, cancel) =>
        {
            var own = await services.GetRequiredService<SelfEvaluationActions>().OwnAsync(caller!, officeId, period, cancel).ConfigureAwait(false);
            var parameters = await SelfEvaluationParametersAsync(request, services, caller!, officeId, period, language, cancel).ConfigureAwait(false);
            if (own is { } record)
            {
                parameters["Summary"] = record.Summary;
                parameters["SelfScore"] = record.SelfScore.ToString(System.Globalization.CultureInfo.InvariantCulture);
                parameters["Evidence"] = string.Join('\n', record.Evidence);
                parameters["StoredRevision"] = record.Revision;
                parameters["StoredAt"] = Html.Beijing(record.SubmittedAt);
                SelfReviewParameters(parameters, record);
            }

            return (await RenderAsync<Pages.Components.SelfEvaluationForm>(request, caller, language, parameters).ConfigureAwait(false), 200);
        });

    /// <summary>POST pages/cycles/{officeId}/{period}/self-evaluation: submits the form through the same service as the
    /// API; a refusal shows the form again with its errors and what was entered, and stores nothing.</summary>
    public static Task<IResult> SelfEvaluationSubmitAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        RunFormAsync(request, AccessRule.SelfEvaluate, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            var parameters = await SelfEvaluationParametersAsync(request, services, caller!, officeId, period, language, cancel).ConfigureAwait(false);
            var (summary, score, evidence) = (form["summary"].FirstOrDefault() ?? string.Empty, form["selfScore"].FirstOrDefault()?.Trim() ?? string.Empty, form["evidence"].FirstOrDefault() ?? string.Empty);
            parameters["Summary"] = summary;
            parameters["SelfScore"] = score;
            parameters["Evidence"] = evidence;
            try
            {
                await RequireFormTokenAsync(request, services, SelfEvaluationNonce(officeId, period, caller!.UserId), form, cancel).ConfigureAwait(false);
                if (!decimal.TryParse(score, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    throw new RequestRefusedException(422, "selfScore", $"expected a score from 0 to 100 with at most two decimals, found '{score}'", $"自评分应为 0 至 100（最多两位小数），实际为 '{score}'");
                }

                var files = evidence.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var (stored, _) = await services.GetRequiredService<SelfEvaluationActions>().SubmitAsync(client, caller, officeId, period, caller.UserId,
                    new SelfEvaluationRequest(summary, value, files), null, cancel).ConfigureAwait(false);
                parameters["StoredRevision"] = stored.Value.Revision;
                parameters["StoredAt"] = Html.Beijing(stored.Value.SubmittedAt);
                parameters["JustStored"] = true;
                parameters["Evidence"] = string.Join('\n', stored.Value.Evidence);
                return (await RenderAsync<Pages.Components.SelfEvaluationForm>(request, caller, language, parameters).ConfigureAwait(false), 200);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 409 or 422)
            {
                parameters["Errors"] = new List<FieldMessage> { new(ex.Field, ex.Detail(language)) };
                // The head's reason stays in view while the person corrects the form (when there is a stored revision to read).
                try
                {
                    if (await services.GetRequiredService<SelfEvaluationActions>().OwnAsync(caller!, officeId, period, cancel).ConfigureAwait(false) is { } own)
                    {
                        SelfReviewParameters(parameters, own);
                    }
                }
                catch (RequestRefusedException)
                {
                    // No record to read (an unknown person or period): the refusal shown is the form's own.
                }

                return (await RenderAsync<Pages.Components.SelfEvaluationForm>(request, caller, language, parameters).ConfigureAwait(false), ex.Status);
            }
        });

    /// <summary>The head's review of the stored revision (the reason a returned one is to be revised for).</summary>
    private static void SelfReviewParameters(Dictionary<string, object?> parameters, Storage.SelfEvaluations.SelfEvaluationRecord record)
    {
        parameters["Reviewed"] = record.Review;
        parameters["ReviewedRevision"] = record.Revision;
        parameters["ReviewReason"] = record.ReviewReason;
    }

    private static string SelfEvaluationNonce(string officeId, string period, string user) => $"self-evaluation|{officeId}|{period}|{user}";

    private static async Task<Dictionary<string, object?>> SelfEvaluationParametersAsync(HttpRequest request, IServiceProvider services, Caller caller, string officeId, string period,
        Domain.Text.Language language, CancellationToken cancel) => new()
        {
            ["Subtitle"] = PageText.Format(language, "SelfEval.Subtitle", caller.UserId, officeId, period),
            ["Action"] = $"{request.PathBase}{request.Path}{(language == Domain.Text.Language.En ? "?lang=en" : string.Empty)}",
            ["AntiForgery"] = await FormTokenAsync(request, services, SelfEvaluationNonce(officeId, period, caller.UserId), cancel).ConfigureAwait(false),
            ["MaxSummary"] = SelfEvaluationActions.MaxSummaryLength,
            ["MaxEvidence"] = SelfEvaluationActions.MaxEvidence,
        };
}
