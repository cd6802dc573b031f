using Appraisal.Storage.Evidence;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Appraisal.Workflow.Http;

/// <summary>HTTP handlers for evidence (证明材料): a department head uploads a file for their department's claims
/// (the body is the file; its name in Content-Disposition or ?fileName=), and gets back the SHA-256 that ledger
/// entries cite. The type is decided by content — PDF, JPEG, PNG, DOCX, XLSX — and the size is limited; a refused
/// file stores nothing. Reading a file back checks its hash; who may read it is <see cref="EvidenceActions"/>'s rule.</summary>
public static class EvidenceEndpoints
{
    /// <summary>POST cycles/{officeId}/{period}/departments/{departmentId}/evidence: 201 with the file's reference.</summary>
    public static Task<IResult> UploadAsync(HttpRequest request, string officeId, string period, string departmentId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = request.HttpContext.RequestServices.GetRequiredService<EvidenceStore>().MaxBytes;
        return Handler.BodyAsync(request, AccessRule.UploadEvidence, officeId, departmentId, [], limit, async (bytes, caller, services, cancel) =>
        {
            var stored = await services.GetRequiredService<EvidenceActions>().UploadAsync(caller!, officeId, period, departmentId, bytes, FileName(request), cancel).ConfigureAwait(false);
            return Results.Created($"{request.PathBase}/{EndpointCatalog.RoutePrefix}/offices/{officeId}/evidence/{stored.Sha256}",
                new { sha256 = stored.Sha256, contentType = stored.ContentType, size = stored.Size, fileName = stored.FileName });
        });
    }

    /// <summary>GET offices/{officeId}/evidence/{sha256}: the file, its hash checked on the way out.</summary>
    public static Task<IResult> GetAsync(HttpRequest request, string officeId, string sha256) =>
        Handler.RunAsync(request, AccessRule.ReadEvidence, officeId, null, async (caller, services, cancel) =>
        {
            try
            {
                var (content, type) = await services.GetRequiredService<EvidenceActions>().ReadAsync(caller!, officeId, sha256, cancel).ConfigureAwait(false);
                return Results.Bytes(content, type, entityTag: new EntityTagHeaderValue($"\"{sha256}\""));
            }
            catch (EvidenceTamperedException ex)
            {
                var language = RequestLanguage.Of(request);
                return Problems.Of(request, 500, Problems.Text(language, "证明材料校验失败", "Evidence failed its check"),
                    Problems.Text(language, $"摘要 {sha256} 的文件内容与摘要不符，可能已被篡改；已拒绝读取", ex.Message));
            }
        });

    /// <summary>The file name from Content-Disposition (filename* first, as RFC 6266 says) or the fileName query.</summary>
    private static string? FileName(HttpRequest request)
    {
        if (ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition))
        {
            var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            if (!string.IsNullOrEmpty(name))
            {
                return name;
            }
        }

        return request.Query["fileName"].FirstOrDefault();
    }
}
