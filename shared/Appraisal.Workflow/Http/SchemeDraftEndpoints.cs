using System.Globalization;
using System.Text.Json;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>HTTP handlers for drafting schemes (方案制定): the appraisal office creates a version, edits it under its
/// ETag (If-Match required: a stale one is 412, none is 428), and submits it for the Party group's decision; after
/// that the version is not edited (a change is a new version). Anyone signed in reads them.</summary>
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
            var stored = await services.GetRequiredService<SchemeRepository>().AddDraftAsync(scheme, cancel).ConfigureAwait(false);
            await AuditAsync(services, caller, "scheme.drafted", stored, cancel).ConfigureAwait(false);
            request.HttpContext.Response.Headers.ETag = stored.ETag.ToString();
            return Results.Created(Location(request, scheme.Id, scheme.Version), View(stored));
        });

    /// <summary>GET schemes/{schemeId}/versions: every version, oldest first.</summary>
    public static Task<IResult> ListAsync(HttpRequest request, string schemeId) =>
        Handler.RunAsync(request, AccessRule.Anyone, null, null, async (caller, services, cancel) =>
        {
            var versions = await services.GetRequiredService<SchemeRepository>().VersionsAsync(schemeId, cancel).ConfigureAwait(false);
            return versions.Count == 0
                ? throw NotFound(schemeId, null)
                : Results.Json(new
                {
                    schemeId,
                    versions = versions.Select(v => new { version = v.Scheme.Version, name = v.Scheme.Name.Zh, status = v.Status.ToString(), etag = v.ETag.ToString(), decidedAt = v.DecidedAt, decidedBy = v.DecidedBy }),
                }, CycleEndpoints.Json);
        });

    /// <summary>GET schemes/{schemeId}/versions/{version}: the version's status and document, its ETag as a header.</summary>
    public static Task<IResult> GetAsync(HttpRequest request, string schemeId, string version) =>
        Handler.RunAsync(request, AccessRule.Anyone, null, null, async (caller, services, cancel) =>
        {
            var stored = await FindAsync(services, schemeId, version, cancel).ConfigureAwait(false);
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

            var stored = await NotFoundAs(schemeId, version, services.GetRequiredService<SchemeRepository>().UpdateDraftAsync(scheme, etag, cancel)).ConfigureAwait(false);
            await AuditAsync(services, caller, "scheme.edited", stored, cancel).ConfigureAwait(false);
            request.HttpContext.Response.Headers.ETag = stored.ETag.ToString();
            return Results.Json(View(stored), CycleEndpoints.Json);
        });

    /// <summary>POST schemes/{schemeId}/versions/{version}/submission: submits a draft for decision (If-Match required).</summary>
    public static Task<IResult> SubmitAsync(HttpRequest request, string schemeId, string version) =>
        Handler.RunAsync(request, AccessRule.DraftScheme, null, null, async (caller, services, cancel) =>
        {
            var number = VersionNumber(version);
            var etag = Handler.IfMatch(request);
            var stored = await NotFoundAs(schemeId, version, services.GetRequiredService<SchemeRepository>().SubmitAsync(schemeId, number, etag, cancel)).ConfigureAwait(false);
            await AuditAsync(services, caller, "scheme.submitted", stored, cancel).ConfigureAwait(false);
            request.HttpContext.Response.Headers.ETag = stored.ETag.ToString();
            return Results.Json(View(stored), CycleEndpoints.Json);
        });

    private static async Task<StoredScheme> FindAsync(IServiceProvider services, string schemeId, string version, CancellationToken cancel) =>
        await services.GetRequiredService<SchemeRepository>().GetAsync(schemeId, VersionNumber(version), cancel).ConfigureAwait(false)
            ?? throw NotFound(schemeId, version);

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

    private static int VersionNumber(string version) =>
        int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 999_999
            ? number
            : throw new RequestRefusedException(400, "version", $"expected a version number from 1 to 999999, found '{version}'", $"版本号应为 1 至 999999 的整数，实际为 '{version}'");

    private static RequestRefusedException NotFound(string schemeId, string? version) => version is null
        ? new RequestRefusedException(404, "schemeId", $"expected a stored scheme, found none with id '{schemeId}'", $"未找到方案 '{schemeId}'")
        : new RequestRefusedException(404, "version", $"expected a stored version of {schemeId}, found none numbered '{version}'", $"未找到方案 {schemeId} 的第 {version} 版");

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

    /// <summary>Scheme changes go to the office-wide audit partition of the scheme's own id (schemes are not one office's).</summary>
    private static Task AuditAsync(IServiceProvider services, Caller? caller, string action, StoredScheme stored, CancellationToken cancel) =>
        services.GetRequiredService<AuditLog>().AppendAsync("schemes", stored.Scheme.Id, caller?.UserId ?? "system", action,
            $"{stored.Scheme.Id}@{stored.Scheme.Version.ToString(CultureInfo.InvariantCulture)}", null, stored.Status.ToString(),
            services.GetRequiredService<TimeProvider>().GetUtcNow(), cancel);
}
