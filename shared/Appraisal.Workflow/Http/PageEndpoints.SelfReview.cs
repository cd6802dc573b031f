using Appraisal.Storage;
using Appraisal.Storage.SelfEvaluations;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>The department head's review of the people's self-evaluations, from the department's sheet.</summary>
public static partial class PageEndpoints
{
    /// <summary>POST pages/cycles/{officeId}/{period}/departments/{departmentId}/self-evaluations/{personId}/review:
    /// accept, or return with a reason, through the same service as the API; back to the sheet (303) with a notice, or
    /// the sheet with the error beside that person's row and what was entered kept (nothing stored).</summary>
    public static Task<IResult> SelfEvaluationReviewSubmitAsync(HttpRequest request, DurableTaskClient client, string officeId, string period, string departmentId, string personId) =>
        RunFormAsync(request, AccessRule.ReviewSelfEvaluations, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            var entry = new SelfReviewEntry(personId, Field(form, "decision"), form["reason"].FirstOrDefault() ?? string.Empty);
            try
            {
                await RequireFormTokenAsync(request, services, DepartmentNonce(officeId, period, departmentId, caller!.UserId), form, cancel).ConfigureAwait(false);
                if (entry.Decision is not ("accept" or "return"))
                {
                    throw new RequestRefusedException(400, "decision", $"expected accept or return, found '{entry.Decision}'", $"应选择“接受”或“退回”，实际为 '{entry.Decision}'");
                }

                int? revision = int.TryParse(Field(form, "revision"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var r) ? r : null;
                var stored = await services.GetRequiredService<SelfEvaluationActions>().ReviewAsync(client, caller, officeId, period, personId, entry.Decision == "accept", entry.Reason, revision, cancel).ConfigureAwait(false);
                request.HttpContext.Response.Headers.Location =
                    $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/pages/cycles/{officeId}/{stored.Value.Period}/departments/{departmentId}/submission?reviewed={Uri.EscapeDataString(personId)}&revision={stored.Value.Revision}{(language == Domain.Text.Language.En ? "&lang=en" : string.Empty)}";
                return (string.Empty, 303);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 404 or 409 or 422 && ex.Field != Access.Field)
            {
                return (await StoredSheetAsync(request, client, services, caller!, officeId, period, departmentId,
                    [new FieldMessage(SelfReviewEntry.FieldId(personId, ex.Field), ex.Detail(language))], language, cancel, entry).ConfigureAwait(false), ex.Status);
            }
            catch (ConcurrencyConflictException)
            {
                // The person revised it (or another review was stored) between the read and the write.
                return (await StoredSheetAsync(request, client, services, caller!, officeId, period, departmentId,
                    [new FieldMessage(SelfReviewEntry.FieldId(personId, "revision"), PageText.Get(language, "SelfReview.Conflict"))], language, cancel, entry).ConfigureAwait(false), 409);
            }
        }, departmentId);

    /// <summary>The notice the sheet shows after a review (the redirect names the person and revision reviewed).</summary>
    private static string? SelfReviewNotice(HttpRequest request, DepartmentSheet sheet, Domain.Text.Language language)
    {
        var person = request.Query["reviewed"].FirstOrDefault();
        if (sheet.SelfEvaluations.FirstOrDefault(e => e.PersonId == person && e.Review is not null) is not { } reviewed
            || request.Query["revision"].FirstOrDefault() != reviewed.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return null;
        }

        var name = sheet.People.FirstOrDefault(p => p.Id == reviewed.PersonId)?.Name ?? reviewed.PersonId;
        return PageText.Format(language, reviewed.Review == SelfEvaluationReview.Accepted ? "SelfReview.DoneAccepted" : "SelfReview.DoneReturned", name, reviewed.Revision);
    }
}
