using System.Globalization;
using System.Text.Json;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>HTTP handlers for drafting schemes (方案制定): the appraisal office creates a version, edits it under its
/// ETag (If-Match required: a stale one is 412, none is 428), and submits it for the Party group's decision; after
/// that the version is not edited (a change is a new version). The office reads its own schemes and the ready-made ones; another office's answer 404.</summary>
public static class SchemeDraftEndpoints
{
    /// <summary>POST schemes: stores a new draft version; 201 with its location and ETag, 409 when the version exists.</summary>
    public static Task<IResult> CreateAsync(HttpRequest request) =>
        Handler.BodyAsync(request, AccessRule.DraftScheme, null, null, ["application/json"], SchemeEndpoints.MaxBodyBytes, async (bytes, caller, services, cancel) =>
        {
            var (read, problem) = SchemeEndpoints.Read(request, bytes, RequestLanguage.Of(request));
            if (problem is not null)
            {
                return problem;
            }

            var scheme = read!.Scheme!;
            var stored = await services.GetRequiredService<SchemeDraftActions>().CreateAsync(caller!, scheme, cancel).ConfigureAwait(false);
            request.HttpContext.Response.Headers.ETag = stored.ETag.ToString();
            return Results.Created(Location(request, scheme.Id, scheme.Version), View(stored));
        });

    /// <summary>GET schemes/{schemeId}/versions: every version, oldest first.</summary>
    public static Task<IResult> ListAsync(HttpRequest request, string schemeId) =>
        Handler.RunAsync(request, AccessRule.ReadScheme, null, null, async (caller, services, cancel) =>
        {
            var versions = await services.GetRequiredService<SchemeDraftActions>().ListAsync(caller!, schemeId, cancel).ConfigureAwait(false);
            return Results.Json(new
            {
                schemeId,
                versions = versions.Select(v => new { version = v.Scheme.Version, name = v.Scheme.Name.Zh, status = v.Status.ToString(), etag = v.ETag.ToString(), decidedAt = v.DecidedAt, decidedBy = v.DecidedBy }),
            }, CycleEndpoints.Json);
        });

    /// <summary>GET schemes/{schemeId}/versions/{version}: the version's status and document, its ETag as a header.</summary>
    public static Task<IResult> GetAsync(HttpRequest request, string schemeId, string version) =>
        Handler.RunAsync(request, AccessRule.ReadScheme, null, null, async (caller, services, cancel) =>
        {
            var stored = await services.GetRequiredService<SchemeDraftActions>().GetAsync(caller!, schemeId, VersionNumber(version), cancel).ConfigureAwait(false);
            request.HttpContext.Response.Headers.ETag = stored.ETag.ToString();
            return Results.Json(View(stored), CycleEndpoints.Json);
        });

    /// <summary>PUT schemes/{schemeId}/versions/{version}: replaces a draft's document (If-Match required).</summary>
    public static Task<IResult> UpdateAsync(HttpRequest request, string schemeId, string version) =>
        Handler.BodyAsync(request, AccessRule.DraftScheme, null, null, ["application/json"], SchemeEndpoints.MaxBodyBytes, async (bytes, caller, services, cancel) =>
        {
            var number = VersionNumber(version);
            var etag = Handler.IfMatch(request);
            var (read, problem) = SchemeEndpoints.Read(request, bytes, RequestLanguage.Of(request));
            if (problem is not null)
            {
                return problem;
            }

            var scheme = read!.Scheme!;
            if (scheme.Id != schemeId || scheme.Version != number)
            {
                throw new RequestRefusedException(400, scheme.Id != schemeId ? "id" : "version",
                    $"expected the document of {schemeId} version {number} (as in the route), found {scheme.Id} version {scheme.Version}",
                    $"文档应为路由所指的 {schemeId} 第 {number} 版，实际为 {scheme.Id} 第 {scheme.Version} 版");
            }

            var stored = await NotFoundAs(schemeId, version, services.GetRequiredService<SchemeDraftActions>().UpdateAsync(caller!, scheme, etag, cancel)).ConfigureAwait(false);
            request.HttpContext.Response.Headers.ETag = stored.ETag.ToString();
            return Results.Json(View(stored), CycleEndpoints.Json);
        });

    /// <summary>POST schemes/{schemeId}/versions/{version}/submission: submits a draft for decision (If-Match required).</summary>
    public static Task<IResult> SubmitAsync(HttpRequest request, string schemeId, string version) =>
        Handler.RunAsync(request, AccessRule.DraftScheme, null, null, async (caller, services, cancel) =>
        {
            var number = VersionNumber(version);
            var etag = Handler.IfMatch(request);
            var stored = await NotFoundAs(schemeId, version, services.GetRequiredService<SchemeDraftActions>().SubmitAsync(caller!, schemeId, number, etag, cancel)).ConfigureAwait(false);
            request.HttpContext.Response.Headers.ETag = stored.ETag.ToString();
            return Results.Json(View(stored), CycleEndpoints.Json);
        });

    /// <summary>The repository's "no such version" as the 404 naming the version.</summary>
    private static async Task<StoredScheme> NotFoundAs(string schemeId, string version, Task<StoredScheme> operation)
    {
        try
        {
            return await operation.ConfigureAwait(false);
        }
        catch (KeyNotFoundException)
        {
            throw NotFound(schemeId, version);
        }
    }

    internal static int VersionNumber(string version) =>
        int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 999_999
            ? number
            : throw new RequestRefusedException(400, "version", $"expected a version number from 1 to 999999, found '{version}'", $"版本号应为 1 至 999999 的整数，实际为 '{version}'");

    private static RequestRefusedException NotFound(string schemeId, string version) => SchemeDraftActions.NotFound(schemeId, int.TryParse(version, CultureInfo.InvariantCulture, out var n) ? n : 0);

    private static string Location(HttpRequest request, string schemeId, int version) =>
        $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/schemes/{Uri.EscapeDataString(schemeId)}/versions/{version.ToString(CultureInfo.InvariantCulture)}";

    private static object View(StoredScheme stored) => new
    {
        schemeId = stored.Scheme.Id,
        version = stored.Scheme.Version,
        status = stored.Status.ToString(),
        etag = stored.ETag.ToString(),
        decidedAt = stored.DecidedAt,
        decidedBy = stored.DecidedBy,
        document = JsonDocument.Parse(Appraisal.Domain.Schemes.Json.SchemeDocument.Write(stored.Scheme)).RootElement,
    };

}
