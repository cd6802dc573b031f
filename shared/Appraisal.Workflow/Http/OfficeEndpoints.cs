using System.Text;
using Appraisal.Domain.Inputs;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>HTTP handlers for an office's own data: its organisation (administrators import it; the office, the
/// Party group and supervisors read it) and the case records exported from the case-management system. Every row is
/// checked before anything is stored: one bad row is 422 listing every error, and nothing is imported.</summary>
public static class OfficeEndpoints
{
    /// <summary>The largest case export accepted, in bytes (16 MiB: a year of a large office's cases).</summary>
    public const int MaxCsvBytes = 16 * 1024 * 1024;

    /// <summary>PUT offices/{officeId}/organisation: the organisation document; people no longer in it are deactivated.</summary>
    public static Task<IResult> ImportOrganisationAsync(HttpRequest request, string officeId) =>
        Handler.BodyAsync(request, AccessRule.ManageOrganisation, officeId, null, ["application/json"], CycleEndpoints.MaxBodyBytes, async (bytes, caller, services, cancel) =>
        {
            var outcome = await services.GetRequiredService<ImportActions>().RunAsync(caller!, officeId, bytes, null, cancel).ConfigureAwait(false);
            var o = outcome.Organisation!;
            return Results.Json(new { officeId, o.Added, o.Updated, o.Deactivated, o.Unchanged }, CycleEndpoints.Json);
        });

    /// <summary>GET offices/{officeId}/organisation: the organisation document as stored.</summary>
    public static Task<IResult> GetOrganisationAsync(HttpRequest request, string officeId) =>
        Handler.RunAsync(request, AccessRule.ReadOrganisation, officeId, null, async (caller, services, cancel) =>
        {
            var org = await services.GetRequiredService<ResultQueries>().OrganisationAsync(caller!, officeId, cancel).ConfigureAwait(false);
            return Results.Text(OrganisationDocument.Write(org), "application/json", Encoding.UTF8);
        });

    /// <summary>POST offices/{officeId}/cases: case records as CSV (text/csv); a record already stored is replaced.</summary>
    public static Task<IResult> ImportCasesAsync(HttpRequest request, string officeId) =>
        Handler.BodyAsync(request, AccessRule.ImportCases, officeId, null, ["text/csv"], MaxCsvBytes, async (bytes, caller, services, cancel) =>
        {
            var outcome = await services.GetRequiredService<ImportActions>().RunAsync(caller!, officeId, null, bytes, cancel).ConfigureAwait(false);
            return Results.Json(new { officeId, imported = outcome.Cases }, CycleEndpoints.Json);
        });

    /// <summary>POST offices/{officeId}/years/{year}/ledger[?scheme=ID]: the year's ledger of year-end-only items as CSV
    /// (text/csv); taken until the year-end appraisal starts, which combines them with the quarters.</summary>
    public static Task<IResult> ImportYearLedgerAsync(HttpRequest request, string officeId, string year) =>
        Handler.BodyAsync(request, AccessRule.ImportLedger, officeId, null, ["text/csv"], MaxCsvBytes, async (bytes, caller, services, cancel) =>
        {
            var scheme = request.Query["scheme"].FirstOrDefault();
            var outcome = await services.GetRequiredService<ImportActions>().YearLedgerAsync(caller!, officeId, year, string.IsNullOrEmpty(scheme) ? null : scheme, bytes, cancel).ConfigureAwait(false);
            return Results.Json(outcome, CycleEndpoints.Json, statusCode: 201);
        });

    internal static RequestRefusedException UnknownOffice(string officeId) => ImportActions.UnknownOffice(officeId);
}
