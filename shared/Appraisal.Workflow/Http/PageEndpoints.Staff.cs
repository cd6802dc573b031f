using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>A person's own forms: the self-evaluation (个人自评/述职) with its evidence uploads and ledger claims.</summary>
public static partial class PageEndpoints
{
    /// <summary>GET pages/cycles/{officeId}/{period}/self-evaluation: the signed-in person's self-evaluation form, filled
    /// with what they submitted before, their uploaded files and the scheme's ledger items to claim.</summary>
    public static Task<IResult> SelfEvaluationFormAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        RunFormAsync(request, AccessRule.SelfEvaluate, officeId, async (caller, services, language, cancel) =>
        {
            var data = await services.GetRequiredService<SelfEvaluationActions>().FormAsync(client, caller!, officeId, period, cancel).ConfigureAwait(false);
            var parameters = await SelfEvaluationParametersAsync(request, services, caller!, officeId, period, language, data, cancel).ConfigureAwait(false);
            parameters["ClaimRows"] = ClaimRows(data.Own?.ClaimList.Select(c => new LedgerRow(string.Empty, c.ItemId, c.Occurrences.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Evidence, c.Note ?? string.Empty)), 3);
            if (data.Own is { } record)
            {
                parameters["Summary"] = record.Summary;
                parameters["SelfScore"] = record.SelfScore.ToString(System.Globalization.CultureInfo.InvariantCulture);
                parameters["Cited"] = record.Evidence;
                parameters["StoredRevision"] = record.Revision;
                parameters["StoredAt"] = Html.Beijing(record.SubmittedAt);
                SelfReviewParameters(parameters, record);
            }

            if (request.Query["uploaded"].FirstOrDefault() is { Length: > 0 and <= 200 } uploaded)
            {
                parameters["Notice"] = PageText.Format(language, "StaffClaims.Uploaded", uploaded);
            }

            return (await RenderAsync<Pages.Components.SelfEvaluationForm>(request, caller, language, parameters).ConfigureAwait(false), 200);
        });

    /// <summary>POST pages/cycles/{officeId}/{period}/self-evaluation: more empty claim rows, or the self-evaluation
    /// through the same service as the API; a refusal shows the form again with each error beside its field and what
    /// was entered, and stores nothing.</summary>
    public static Task<IResult> SelfEvaluationSubmitAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        RunFormAsync(request, AccessRule.SelfEvaluate, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            var actions = services.GetRequiredService<SelfEvaluationActions>();
            var data = await actions.FormAsync(client, caller!, officeId, period, cancel).ConfigureAwait(false);
            var parameters = await SelfEvaluationParametersAsync(request, services, caller!, officeId, period, language, data, cancel).ConfigureAwait(false);
            var (summary, score) = (form["summary"].FirstOrDefault() ?? string.Empty, form["selfScore"].FirstOrDefault()?.Trim() ?? string.Empty);
            var cited = form["evidence"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).ToList();
            var count = int.TryParse(form["rows"].FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                ? Math.Clamp(n, 1, SelfEvaluationClaims.MaxClaims) : 3;
            var rows = Enumerable.Range(0, count).Select(i => new LedgerRow(string.Empty, Field(form, $"item_{i}"), Field(form, $"occurrences_{i}"), Field(form, $"evidence_{i}"), Field(form, $"note_{i}"))).ToList();
            parameters["Summary"] = summary;
            parameters["SelfScore"] = score;
            parameters["Cited"] = cited;
            parameters["ClaimRows"] = rows;
            if (data.Own is { } own)
            {
                SelfReviewParameters(parameters, own);
            }

            try
            {
                await RequireFormTokenAsync(request, services, SelfEvaluationNonce(officeId, period, caller!.UserId), form, cancel).ConfigureAwait(false);
                if (form["intent"].FirstOrDefault() == "more")
                {
                    parameters["ClaimRows"] = ClaimRows(rows, Math.Min(3, SelfEvaluationClaims.MaxClaims - rows.Count));
                    return (await RenderAsync<Pages.Components.SelfEvaluationForm>(request, caller, language, parameters).ConfigureAwait(false), 200);
                }

                if (!decimal.TryParse(score, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    throw new RequestRefusedException(422, "selfScore", $"expected a score from 0 to 100 with at most two decimals, found '{score}'", $"自评分应为 0 至 100（最多两位小数），实际为 '{score}'");
                }

                // The filled rows as the API's claims, each error led back to its row by the index among the filled ones.
                var filled = rows.Select((r, i) => (r, i)).Where(x => !x.r.IsEmpty).ToList();
                parameters["ClaimIndex"] = filled.Select(x => x.i).ToList();
                var claims = filled.Select((x, k) => new SelfEvaluationClaimRequest(x.r.Item, Occurrences(x.r.Occurrences, k), x.r.Evidence, x.r.Note)).ToList();
                var (stored, _) = await actions.SubmitAsync(client, caller, officeId, period, caller.UserId, new SelfEvaluationRequest(summary, value, cited, claims), null, cancel).ConfigureAwait(false);
                parameters["StoredRevision"] = stored.Value.Revision;
                parameters["StoredAt"] = Html.Beijing(stored.Value.SubmittedAt);
                parameters["JustStored"] = true;
                parameters["Cited"] = stored.Value.Evidence;
                parameters["ClaimRows"] = ClaimRows(filled.Select(x => x.r), 3);
                parameters.Remove("ClaimIndex");
                parameters.Remove("Reviewed");
                if (stored.Value.Review is not null)
                {
                    SelfReviewParameters(parameters, stored.Value);
                }

                return (await RenderAsync<Pages.Components.SelfEvaluationForm>(request, caller, language, parameters).ConfigureAwait(false), 200);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 409 or 422 && ex.Field != Access.Field)
            {
                parameters["Errors"] = ex.Errors.Count == 0 ? new List<FieldMessage> { new(ex.Field, ex.Detail(language)) } : ex.Errors.Select(e => new FieldMessage(e.Field, e.Text(language))).ToList();
                return (await RenderAsync<Pages.Components.SelfEvaluationForm>(request, caller, language, parameters).ConfigureAwait(false), ex.Status);
            }
        });

    /// <summary>POST pages/cycles/{officeId}/{period}/self-evaluation/evidence: one file (multipart) through the
    /// evidence service, uploaded for the person's own department with them as uploader; back to the form (303), which
    /// lists it to cite and to back claims with.</summary>
    public static Task<IResult> SelfEvaluationEvidenceUploadAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        RunFormAsync(request, AccessRule.SelfEvaluate, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            try
            {
                await RequireFormTokenAsync(request, services, SelfEvaluationNonce(officeId, period, caller!.UserId), form, cancel).ConfigureAwait(false);
                var person = await services.GetRequiredService<SelfEvaluationActions>().PersonAsync(caller, officeId).ConfigureAwait(false);
                var name = await UploadFormFileAsync(form, services, caller, officeId, period, person.DepartmentId, cancel).ConfigureAwait(false);
                request.HttpContext.Response.Headers.Location =
                    $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/pages/cycles/{officeId}/{period}/self-evaluation?uploaded={Uri.EscapeDataString(name)}{(language == Domain.Text.Language.En ? "&lang=en" : string.Empty)}";
                return (string.Empty, 303);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 409 or 413 or 415 or 422 && ex.Field != Access.Field)
            {
                var data = await services.GetRequiredService<SelfEvaluationActions>().FormAsync(client, caller!, officeId, period, cancel).ConfigureAwait(false);
                var parameters = await SelfEvaluationParametersAsync(request, services, caller!, officeId, period, language, data, cancel).ConfigureAwait(false);
                parameters["ClaimRows"] = ClaimRows(data.Own?.ClaimList.Select(c => new LedgerRow(string.Empty, c.ItemId, c.Occurrences.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Evidence, c.Note ?? string.Empty)), 3);
                if (data.Own is { } record)
                {
                    (parameters["Summary"], parameters["SelfScore"], parameters["Cited"]) = (record.Summary, record.SelfScore.ToString(System.Globalization.CultureInfo.InvariantCulture), record.Evidence);
                    SelfReviewParameters(parameters, record);
                }

                parameters["Errors"] = new List<FieldMessage> { new(ex.Field, ex.Detail(language)) };
                return (await RenderAsync<Pages.Components.SelfEvaluationForm>(request, caller, language, parameters).ConfigureAwait(false), ex.Status);
            }
        });

    /// <summary>A claim row's occurrences as the API takes them; text that is no whole number is refused as the ledger's
    /// reader refuses it, naming the claim.</summary>
    private static int? Occurrences(string text, int claim) => text.Length == 0 ? null
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
        : throw new RequestRefusedException(422, $"claims[{claim}].occurrences", $"expected a whole number from 1 to 1000, found '{text}'", $"应为 1 至 1000 的整数，实际为 '{text}'");

    /// <summary>Claim rows to show: those given, then <paramref name="empty"/> empty ones (at least one row, at most the claims allowed).</summary>
    private static List<LedgerRow> ClaimRows(IEnumerable<LedgerRow>? rows, int empty)
    {
        var list = (rows ?? []).Take(SelfEvaluationClaims.MaxClaims).ToList();
        return [.. list, .. Enumerable.Repeat(LedgerRow.Empty, Math.Max(list.Count == 0 ? 1 : 0, Math.Min(empty, SelfEvaluationClaims.MaxClaims - list.Count)))];
    }

    /// <summary>The head's review of the stored revision (the reason a returned one is to be revised for).</summary>
    private static void SelfReviewParameters(Dictionary<string, object?> parameters, Storage.SelfEvaluations.SelfEvaluationRecord record)
    {
        parameters["Reviewed"] = record.Review;
        parameters["ReviewedRevision"] = record.Revision;
        parameters["ReviewReason"] = record.ReviewReason;
    }

    private static string SelfEvaluationNonce(string officeId, string period, string user) => $"self-evaluation|{officeId}|{period}|{user}";

    private static async Task<Dictionary<string, object?>> SelfEvaluationParametersAsync(HttpRequest request, IServiceProvider services, Caller caller, string officeId, string period,
        Domain.Text.Language language, SelfEvaluationFormData data, CancellationToken cancel)
    {
        var lang = language == Domain.Text.Language.En ? "?lang=en" : string.Empty;
        var root = $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/pages/cycles/{officeId}/{period}/self-evaluation";
        return new()
        {
            ["Subtitle"] = PageText.Format(language, "SelfEval.Subtitle", caller.UserId, officeId, period),
            ["Action"] = $"{root}{lang}",
            ["UploadAction"] = $"{root}/evidence{lang}",
            ["EvidenceBase"] = $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/offices/{officeId}/evidence",
            ["AntiForgery"] = await FormTokenAsync(request, services, SelfEvaluationNonce(officeId, period, caller.UserId), cancel).ConfigureAwait(false),
            ["MaxSummary"] = SelfEvaluationActions.MaxSummaryLength,
            ["MaxEvidence"] = SelfEvaluationActions.MaxEvidence,
            ["Files"] = data.Files,
            ["Items"] = data.Items,
        };
    }
}
