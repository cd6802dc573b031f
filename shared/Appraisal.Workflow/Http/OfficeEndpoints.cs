using System.Text;
using System.Text.Json;
using Appraisal.Domain.Inputs;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Cases;
using Appraisal.Storage.Organisation;
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

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>PUT offices/{officeId}/organisation: the organisation document; people no longer in it are deactivated.</summary>
    public static Task<IResult> ImportOrganisationAsync(HttpRequest request, string officeId) =>
        Handler.BodyAsync(request, AccessRule.ManageOrganisation, officeId, null, ["application/json"], CycleEndpoints.MaxBodyBytes, async (bytes, caller, services, cancel) =>
        {
            var errors = new InputErrors();
            var org = OrganisationDocument.Read(Text(bytes, "organisation.json"), "organisation.json", errors);
            if (errors.Any || org is null)
            {
                throw Invalid(errors, "organisation");
            }

            if (org.Office.Id != officeId)
            {
                throw new RequestRefusedException(400, "office.id", $"expected the organisation of {officeId} (as in the route), found {org.Office.Id}",
                    $"应为路由所指 {officeId} 的组织机构，实际为 {org.Office.Id}");
            }

            var summary = await services.GetRequiredService<OrganisationRepository>().ImportAsync(org, cancel).ConfigureAwait(false);
            services.GetRequiredService<CycleSnapshots>().Forget(officeId);
            var result = new { officeId, summary.Added, summary.Updated, summary.Deactivated, summary.Unchanged };
            await services.GetRequiredService<AuditLog>().AppendAsync(officeId, AuditPeriods.Office, caller?.UserId ?? "system", "organisation.imported", officeId,
                null, JsonSerializer.Serialize(result), services.GetRequiredService<TimeProvider>().GetUtcNow(), cancel).ConfigureAwait(false);
            return Results.Json(result, CycleEndpoints.Json);
        });

    /// <summary>GET offices/{officeId}/organisation: the organisation document as stored.</summary>
    public static Task<IResult> GetOrganisationAsync(HttpRequest request, string officeId) =>
        Handler.RunAsync(request, AccessRule.ReadOrganisation, officeId, null, async (caller, services, cancel) =>
        {
            var org = await services.GetRequiredService<OrganisationRepository>().LoadAsync(officeId, cancel).ConfigureAwait(false)
                ?? throw UnknownOffice(officeId);
            return Results.Text(OrganisationDocument.Write(org), "application/json", Encoding.UTF8);
        });

    /// <summary>POST offices/{officeId}/cases: case records as CSV (text/csv); a record already stored is replaced.</summary>
    public static Task<IResult> ImportCasesAsync(HttpRequest request, string officeId) =>
        Handler.BodyAsync(request, AccessRule.ImportCases, officeId, null, ["text/csv"], MaxCsvBytes, async (bytes, caller, services, cancel) =>
        {
            var org = await services.GetRequiredService<OrganisationRepository>().LoadAsync(officeId, cancel).ConfigureAwait(false)
                ?? throw UnknownOffice(officeId);
            var errors = new InputErrors();
            using var reader = new StringReader(Text(bytes, "cases.csv"));
            var log = CaseCsv.Read(reader, "cases.csv", org, errors);
            if (errors.Any)
            {
                throw Invalid(errors, "cases");
            }

            var imported = await services.GetRequiredService<CaseRepository>().ImportAsync(officeId, Enumerable.Range(0, log.Count).Select(i => log[i]), cancel).ConfigureAwait(false);
            await services.GetRequiredService<AuditLog>().AppendAsync(officeId, AuditPeriods.Office, caller?.UserId ?? "system", "cases.imported", officeId,
                null, JsonSerializer.Serialize(new { imported }), services.GetRequiredService<TimeProvider>().GetUtcNow(), cancel).ConfigureAwait(false);
            return Results.Json(new { officeId, imported }, CycleEndpoints.Json);
        });

    internal static RequestRefusedException UnknownOffice(string officeId) =>
        new(404, "officeId", $"expected an office whose organisation was imported, found none with id '{officeId}'", $"未找到院 '{officeId}'（尚未导入组织机构）");

    private static string Text(ReadOnlyMemory<byte> bytes, string file)
    {
        try
        {
            return StrictUtf8.GetString(bytes.Span);
        }
        catch (DecoderFallbackException ex)
        {
            throw new RequestRefusedException(400, "body", $"expected UTF-8 text ({file}), found an invalid byte at offset {ex.Index}", $"应为 UTF-8 文本（{file}），实际在偏移 {ex.Index} 处有无效字节");
        }
    }

    private static RequestRefusedException Invalid(InputErrors errors, string field) =>
        new(422, field, $"expected every row to hold, found {errors.Items.Count} error(s); nothing imported (see errors)",
            $"发现 {errors.Items.Count} 个错误，未导入任何数据（详见 errors）", errors.Items.Take(200).ToList());
}
