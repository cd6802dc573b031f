using System.Globalization;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>The raters' questionnaire (民主测评问卷) as a page: one form per section, each posted alone through the same
/// service as the API. The receipt that lets the rater revise is kept in this browser only — an HttpOnly, SameSite=Strict
/// cookie scoped to the questionnaire's path, one per office and period.</summary>
public static partial class PageEndpoints
{
    /// <summary>GET pages/cycles/{officeId}/{period}/ratings: the signed-in person's questionnaire, each section marked
    /// answered or not, filled with their own answers when this browser holds the receipt.</summary>
    public static Task<IResult> RatingsFormAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        RunFormAsync(request, AccessRule.Rate, officeId, async (caller, services, language, cancel) =>
        {
            var receipt = request.Cookies[ReceiptCookie(officeId, period)];
            request.HttpContext.Response.Headers.CacheControl = "no-store";
            var questionnaire = await services.GetRequiredService<RatingActions>().QuestionnaireAsync(client, caller!, officeId, period, ValidReceipt(receipt), cancel).ConfigureAwait(false);
            var parameters = await RatingParametersAsync(request, services, caller!, officeId, period, questionnaire, receipt is not null, cancel).ConfigureAwait(false);
            if (request.Query["answered"].FirstOrDefault() is { Length: > 0 and <= 100 } answered && questionnaire.Sections.FirstOrDefault(s => s.Section.Id == answered) is { } done)
            {
                parameters["Notice"] = PageText.Format(language, request.Query["revised"].FirstOrDefault() == "1" ? "Rate.Revised" : "Rate.Stored", done.DepartmentName);
            }

            return (await RenderAsync<Pages.Components.RatingPage>(request, caller, language, parameters).ConfigureAwait(false), 200);
        });

    /// <summary>POST pages/cycles/{officeId}/{period}/ratings/{sectionId}: one section's answers through the same service
    /// as the API, with this browser's receipt (kept in its cookie after the first answer); back to the questionnaire
    /// (303), or the questionnaire with each error beside its question and what was entered, nothing stored.</summary>
    public static Task<IResult> RatingsSubmitAsync(HttpRequest request, DurableTaskClient client, string officeId, string period, string sectionId) =>
        RunFormAsync(request, AccessRule.Rate, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            request.HttpContext.Response.Headers.CacheControl = "no-store";
            var actions = services.GetRequiredService<RatingActions>();
            var cookie = ReceiptCookie(officeId, period);
            var receipt = ValidReceipt(request.Cookies[cookie]);
            var questionnaire = await actions.QuestionnaireAsync(client, caller!, officeId, period, receipt, cancel).ConfigureAwait(false);
            var section = questionnaire.Sections.FirstOrDefault(s => s.Section.Id == sectionId)
                ?? throw new RequestRefusedException(404, "sectionId", $"expected a section of the caller's questionnaire, found '{sectionId}'", $"您的测评问卷没有 '{sectionId}' 部分");
            var entered = section.Section.Questions.Select((_, i) => (Score: Field(form, $"s{i}"), CannotJudge: form[$"cj{i}"].Count > 0)).ToList();
            try
            {
                await RequireFormTokenAsync(request, services, RatingNonce(officeId, period, caller!.UserId), form, cancel).ConfigureAwait(false);
                var answers = section.Section.Questions.Select((q, i) => new RatingAnswerRequest(q.Subject.Id, q.Indicator.Id, FormScore(entered[i].Score, entered[i].CannotJudge, i))).ToList();
                var outcome = await actions.AnswerAsync(client, caller, officeId, period, sectionId, answers, receipt, cancel).ConfigureAwait(false);
                var path = $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/pages/cycles/{officeId}/{period}/ratings";
                request.HttpContext.Response.Cookies.Append(cookie, outcome.Receipt, new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Strict,
                    Secure = request.IsHttps,
                    Path = path,
                    Expires = questionnaire.ClosesUtc is { } closes ? new DateTimeOffset(DateTime.SpecifyKind(closes, DateTimeKind.Utc)).AddDays(1) : null,
                });
                request.HttpContext.Response.Headers.Location =
                    $"{path}?answered={Uri.EscapeDataString(sectionId)}{(outcome.Revised ? "&revised=1" : string.Empty)}{(language == Domain.Text.Language.En ? "&lang=en" : string.Empty)}#sec-{Uri.EscapeDataString(sectionId)}";
                return (string.Empty, 303);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 409 or 422 && ex.Field != Access.Field)
            {
                var parameters = await RatingParametersAsync(request, services, caller!, officeId, period, questionnaire, receipt is not null, cancel).ConfigureAwait(false);
                var id = RatingElement(sectionId, ex.Field);
                parameters["Errors"] = new List<FieldMessage> { new(id, ex.Detail(language)) };
                parameters["Entered"] = new Dictionary<string, IReadOnlyList<(string Score, bool CannotJudge)>> { [sectionId] = entered };
                return (await RenderAsync<Pages.Components.RatingPage>(request, caller, language, parameters).ConfigureAwait(false), ex.Status);
            }
        });

    /// <summary>The receipt cookie of an office's period (the path scopes it to the questionnaire; the name keeps periods apart).</summary>
    public static string ReceiptCookie(string officeId, string period) => $"ballot-{officeId}-{period}";

    /// <summary>The element a refusal of a section's answers concerns: the question's score input, else the section.</summary>
    internal static string RatingElement(string sectionId, string field)
    {
        if (field.StartsWith("answers[", StringComparison.Ordinal) && field.IndexOf(']', StringComparison.Ordinal) is var end and > 8
            && int.TryParse(field.AsSpan(8, end - 8), NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            return $"r-{sectionId}-{i}";
        }

        return $"sec-{sectionId}";
    }

    /// <summary>A question's score from the form: empty with "cannot judge" ticked is null; a number is the number; both,
    /// neither, or text that is no number are refused naming the question.</summary>
    private static decimal? FormScore(string text, bool cannotJudge, int i)
    {
        if (text.Length == 0)
        {
            return cannotJudge ? null : throw new RequestRefusedException(422, $"answers[{i}].score", "expected a score or \"cannot judge\", found neither", "请填写分数，或勾选“无法评价”");
        }

        if (cannotJudge)
        {
            throw new RequestRefusedException(422, $"answers[{i}].score", "expected a score or \"cannot judge\", found both", "已勾选“无法评价”，请清空分数（或取消勾选）");
        }

        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new RequestRefusedException(422, $"answers[{i}].score", $"expected a score from 0 to 100 with at most two decimals, found '{text}'", $"分数应为 0 至 100（最多两位小数），实际为 '{text}'");
    }

    private static string? ValidReceipt(string? receipt)
    {
        if (receipt is null)
        {
            return null;
        }

        try
        {
            RatingActions.Receipt(receipt);
            return receipt;
        }
        catch (RequestRefusedException)
        {
            return null;
        }
    }

    private static string RatingNonce(string officeId, string period, string user) => $"ratings|{officeId}|{period}|{user}";

    private static async Task<Dictionary<string, object?>> RatingParametersAsync(HttpRequest request, IServiceProvider services, Caller caller, string officeId, string period,
        RatingQuestionnaire questionnaire, bool hasReceipt, CancellationToken cancel)
    {
        var language = RequestLanguage.Of(request);
        return new()
        {
            ["Subtitle"] = PageText.Format(language, "Rate.Subtitle", questionnaire.Rater.Name, officeId, period),
            ["Period"] = period,
            ["Action"] = $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/pages/cycles/{officeId}/{period}/ratings",
            ["AntiForgery"] = await FormTokenAsync(request, services, RatingNonce(officeId, period, caller.UserId), cancel).ConfigureAwait(false),
            ["Questionnaire"] = questionnaire,
            ["HasReceipt"] = hasReceipt,
        };
    }
}
