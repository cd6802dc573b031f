using System.Globalization;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

public static partial class PageEndpoints
{
    private static readonly string[] PaperFields = ["subjectId", "indicatorId", "group", "count", "mean"];

    /// <summary>GET pages/cycles/{officeId}/{period}/ratings/paper: the rating window's response rates and paper
    /// results, with the appraisal office's form to enter a group's paper ballots.</summary>
    public static Task<IResult> PaperRatingsAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        RunAsync(request, AccessRule.ReadResponseRates, officeId, async (caller, services, language, cancel) =>
            await PaperPageAsync(request, client, services, caller!, officeId, period, language, PaperFields.ToDictionary(f => f, _ => string.Empty, StringComparer.Ordinal), [], null, cancel).ConfigureAwait(false));

    /// <summary>POST pages/cycles/{officeId}/{period}/ratings/paper: enters the paper ballots through the same service
    /// as <c>PUT cycles/{officeId}/{period}/ratings/paper</c>; a bad field shown beside it, nothing stored.</summary>
    public static Task<IResult> PaperRatingsSubmitAsync(HttpRequest request, DurableTaskClient client, string officeId, string period) =>
        RunFormAsync(request, AccessRule.EnterPaperRatings, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            var values = PaperFields.ToDictionary(f => f, f => Field(form, f), StringComparer.Ordinal);
            try
            {
                await RequireFormTokenAsync(request, services, PaperNonce(officeId, period, caller!.UserId), form, cancel).ConfigureAwait(false);
                var body = ReadPaper(values);
                var entry = await services.GetRequiredService<RatingResultsActions>().EnterPaperAsync(client, caller, officeId, period, body, cancel).ConfigureAwait(false);
                return (await PaperPageAsync(request, client, services, caller, officeId, period, language, PaperFields.ToDictionary(f => f, _ => string.Empty, StringComparer.Ordinal), [], entry, cancel).ConfigureAwait(false), 200);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 409 or 422 && ex.Field != Access.Field)
            {
                var errors = ex.Errors.Count > 0
                    ? ex.Errors.Select(e => new FieldMessage(e.Field, e.Text(language))).ToList()
                    : [new FieldMessage(ex.Field, ex.Detail(language))];
                return (await PaperPageAsync(request, client, services, caller!, officeId, period, language, values, errors, null, cancel).ConfigureAwait(false), ex.Status);
            }
        });

    private static string PaperNonce(string officeId, string period, string user) => $"ratings-paper|{officeId}|{period}|{user}";

    /// <summary>The form's text as a request: the numbers as typed, one that is not a number refused at once (the rules
    /// on the values are the service's).</summary>
    private static PaperRatingRequest ReadPaper(Dictionary<string, string> values)
    {
        var errors = new Domain.Inputs.InputErrors();
        int? count = null;
        if (values["count"] is { Length: > 0 } c)
        {
            count = int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            if (count is null)
            {
                errors.Add("form", 0, "count", $"expected a whole number of ballots such as 25, found '{c}'", $"票数应为整数，如 25，实际为 '{c}'");
            }
        }

        decimal? mean = null;
        if (values["mean"] is { Length: > 0 } m)
        {
            mean = decimal.TryParse(m, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;
            if (mean is null)
            {
                errors.Add("form", 0, "mean", $"expected a mean such as 87.5, found '{m}'", $"平均分应为数字，如 87.5，实际为 '{m}'");
            }
        }

        return errors.Items is [var first, ..]
            ? throw new RequestRefusedException(400, first.Field, first.Message, first.MessageZh, errors.Items)
            : new PaperRatingRequest(values["subjectId"], values["indicatorId"], values["group"], count, mean);
    }

    private static async Task<string> PaperPageAsync(HttpRequest request, DurableTaskClient client, IServiceProvider services, Caller caller, string officeId, string period,
        Domain.Text.Language language, IReadOnlyDictionary<string, string> values, IReadOnlyList<FieldMessage> errors, PaperRating? stored, CancellationToken cancel)
    {
        var data = await services.GetRequiredService<RatingResultsActions>().FormAsync(client, caller, officeId, period, cancel).ConfigureAwait(false);
        var mayEnter = AccessRule.EnterPaperRatings.Allows(caller);
        return await RenderAsync<Pages.Components.PaperRatingsPage>(request, caller, language, new()
        {
            ["OfficeId"] = officeId,
            ["Data"] = data,
            ["FormAction"] = $"{request.PathBase}{request.Path}{(language == Domain.Text.Language.En ? "?lang=en" : string.Empty)}",
            ["AntiForgery"] = mayEnter && data.Open ? await FormTokenAsync(request, services, PaperNonce(officeId, period, caller.UserId), cancel).ConfigureAwait(false) : null,
            ["Values"] = values,
            ["Errors"] = errors,
            ["Stored"] = stored,
        }).ConfigureAwait(false);
    }
}
