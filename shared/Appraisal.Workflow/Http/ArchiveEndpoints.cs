using System.Globalization;
using Appraisal.Storage.Reports;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Exports;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>HTTP handlers for the annual archive (年度归档): the appraisal office builds the year's zip into Blob
/// storage; the office and supervisors download it. <c>appraisal audit verify --archive</c> checks one.</summary>
public static class ArchiveEndpoints
{
    /// <summary>POST offices/{officeId}/archives/{year}: builds and stores the archive; 201 with its manifest.</summary>
    public static Task<IResult> BuildAsync(HttpRequest request, string officeId, string year) =>
        Handler.RunAsync(request, AccessRule.BuildArchive, officeId, null, async (caller, services, cancel) =>
        {
            var y = Year(year);
            var manifest = await services.GetRequiredService<AnnualArchive>().BuildAsync(caller!, officeId, y, cancel).ConfigureAwait(false);
            return Results.Created($"{request.PathBase}{request.Path}", new { manifest.OfficeId, manifest.Year, manifest.Periods, files = manifest.Files.Count, manifest.CreatedAt });
        });

    /// <summary>GET offices/{officeId}/archives/{year}: the stored zip; 404 until built.</summary>
    public static Task<IResult> GetAsync(HttpRequest request, string officeId, string year) =>
        Handler.RunAsync(request, AccessRule.ReadArchive, officeId, null, async (caller, services, cancel) =>
        {
            var y = Year(year);
            var stored = await services.GetRequiredService<ReportStore>().GetAsync(AnnualArchive.BlobName(officeId, y), cancel).ConfigureAwait(false)
                ?? throw new RequestRefusedException(404, "year", $"expected a built archive of {officeId} for {y}, found none (POST to build it)", $"{officeId} 院 {y} 年度归档尚未生成");
            return Results.File(stored.Content.ToArray(), AnnualArchive.ContentType, string.Create(CultureInfo.InvariantCulture, $"{officeId}-{y}-archive.zip"));
        });

    private static int Year(string year) =>
        int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100
            ? y
            : throw new RequestRefusedException(400, "year", $"expected a year such as 2026, found '{year}'", $"应为年份，如 2026，实际为 '{year}'");
}
