using System.Globalization;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Schemes.Validation;
using Appraisal.Storage;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Pages;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.Workflow.Http;

/// <summary>Scheme drafting (方案制定) in the browser: the office's schemes with the form that starts a draft, the draft
/// editor (saved under the version's ETag through the same service as the API), its difference from the version before
/// it or from the scheme in force, the what-if preview, and the submission for the Party group's decision. Readers who
/// do not draft (the Party group, supervisors) see the same pages without forms.</summary>
public static partial class PageEndpoints
{
    /// <summary>GET pages/offices/{officeId}/schemes: the scheme in force, the office's versions, a new draft's form.</summary>
    public static Task<IResult> SchemesAsync(HttpRequest request, string officeId) =>
        RunAsync(request, AccessRule.ReviewSchemeDrafts, officeId, (caller, services, language, cancel) =>
            SchemeListPageAsync(request, services, caller!, officeId, language, null, null, [], cancel));

    /// <summary>POST pages/offices/{officeId}/schemes: a new draft from a template or a stored version, stored through
    /// the same service as the API; to its editor (303), or back with the error beside its field.</summary>
    public static Task<IResult> StartSchemeDraftAsync(HttpRequest request, string officeId) =>
        RunFormAsync(request, AccessRule.DraftOfficeScheme, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            var (source, schemeId) = (Field(form, "source"), Field(form, "schemeId"));
            try
            {
                await RequireFormTokenAsync(request, services, SchemeListNonce(officeId, caller!.UserId), form, cancel).ConfigureAwait(false);
                var draft = await services.GetRequiredService<SchemeDraftQueries>().NewDraftAsync(caller, officeId, source, schemeId, cancel).ConfigureAwait(false);
                var read = SchemeDocument.Read(SchemeDocument.Write(draft));
                if (!read.IsValid)
                {
                    var first = read.Errors.First();
                    throw new RequestRefusedException(422, first.Path == "$.id" ? "schemeId" : "source", $"{first.Path}: {first.Message}", $"{first.Path}：{first.MessageZh}");
                }

                var stored = await services.GetRequiredService<SchemeDraftActions>().CreateAsync(caller, read.Scheme!, cancel).ConfigureAwait(false);
                request.HttpContext.Response.Headers.Location = SchemePage(request, officeId, stored.Scheme.Id, stored.Scheme.Version, string.Empty, language, "done=created");
                return (string.Empty, 303);
            }
            catch (ConcurrencyConflictException ex)
            {
                var message = new FieldMessage("schemeId", PageText.Format(language, "Scheme.VersionTaken", schemeId, ex.Status));
                return (await SchemeListPageAsync(request, services, caller!, officeId, language, source, schemeId, [message], cancel).ConfigureAwait(false), 409);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 404 or 409 or 422 && ex.Field != Access.Field)
            {
                var message = new FieldMessage(ex.Field is "id" or "schemeId" ? "schemeId" : "source", ex.Detail(language));
                return (await SchemeListPageAsync(request, services, caller!, officeId, language, source, schemeId, [message], cancel).ConfigureAwait(false), ex.Status);
            }
        });

    /// <summary>GET pages/offices/{officeId}/schemes/{schemeId}/versions/{version}: a draft's editor (the office), or the
    /// version read-only (anyone else who may read it, and every version no longer a draft).</summary>
    public static Task<IResult> SchemeDraftAsync(HttpRequest request, string officeId, string schemeId, string version) =>
        RunAsync(request, AccessRule.ReviewSchemeDrafts, officeId, async (caller, services, language, cancel) =>
        {
            var (stored, versions) = await services.GetRequiredService<SchemeDraftQueries>().GetAsync(caller!, officeId, schemeId, SchemeDraftEndpoints.VersionNumber(version), cancel).ConfigureAwait(false);
            var notice = request.Query["done"].FirstOrDefault() switch
            {
                "created" => PageText.Get(language, "Scheme.Created"),
                "submitted" => PageText.Get(language, "Scheme.Submitted"),
                _ => null,
            };
            return await SchemeEditorPageAsync(request, services, caller!, officeId, stored, versions, SchemeForm.From(stored.Scheme), null, stored.ETag.ToString(), language, [], notice, cancel).ConfigureAwait(false);
        });

    /// <summary>POST pages/offices/{officeId}/schemes/{schemeId}/versions/{version}: saves the draft from its fields (or
    /// from its JSON, or adds an empty row) through the same service as the API, under the ETag the form was served with:
    /// a form gone stale is a conflict and overwrites nothing; the validator's errors are shown at their fields.</summary>
    public static Task<IResult> SaveSchemeDraftAsync(HttpRequest request, string officeId, string schemeId, string version) =>
        RunFormAsync(request, AccessRule.DraftOfficeScheme, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            var number = SchemeDraftEndpoints.VersionNumber(version);
            var (stored, versions) = await services.GetRequiredService<SchemeDraftQueries>().GetAsync(caller!, officeId, schemeId, number, cancel).ConfigureAwait(false);
            var entered = SchemeForm.Read(name => form[name].FirstOrDefault());
            var (intent, etag) = (Field(form, "intent"), Field(form, "etag"));
            var json = intent == "json" ? form["document"].FirstOrDefault() ?? string.Empty : null;
            async Task<(string, int)> Again(SchemeForm shown, IReadOnlyList<FieldMessage> errors, int status) =>
                (await SchemeEditorPageAsync(request, services, caller!, officeId, stored, versions, shown, json, etag, language, errors, null, cancel).ConfigureAwait(false), status);
            try
            {
                await RequireFormTokenAsync(request, services, SchemeNonce(officeId, schemeId, number, caller!.UserId), form, cancel).ConfigureAwait(false);
                if (intent.StartsWith("add:", StringComparison.Ordinal))
                {
                    return await Again(entered.WithEmptyRow(intent[4..]), [], 200).ConfigureAwait(false);
                }

                IReadOnlyDictionary<string, IReadOnlyList<int>> kept = new Dictionary<string, IReadOnlyList<int>>();
                var read = SchemeDocument.Read(json ?? entered.ToDocument(stored.Scheme, out kept));
                var problems = read.IsValid ? SchemeValidator.ValidateDraft(read.Scheme!) : read.Errors.ToList();
                if (problems.Count > 0)
                {
                    return await Again(entered, problems.Select(i => new FieldMessage(json is not null ? "document" : SchemeForm.FieldOf(i.Path, kept) ?? "errors", $"{i.Path}：{i.Text(language)}")).ToList(), 422).ConfigureAwait(false);
                }

                if (read.Scheme!.Id != schemeId || read.Scheme.Version != number)
                {
                    throw new RequestRefusedException(400, "document", $"expected the document of {schemeId} version {number}, found {read.Scheme.Id} version {read.Scheme.Version}",
                        $"文档应为 {schemeId} 第 {number} 版，实际为 {read.Scheme.Id} 第 {read.Scheme.Version} 版");
                }

                var saved = await services.GetRequiredService<SchemeDraftActions>().UpdateAsync(caller, read.Scheme, FormETag(etag), cancel).ConfigureAwait(false);
                return (await SchemeEditorPageAsync(request, services, caller, officeId, saved, versions, SchemeForm.From(saved.Scheme), null, saved.ETag.ToString(), language, [],
                    PageText.Get(language, "Scheme.Saved"), cancel).ConfigureAwait(false), 200);
            }
            catch (ConcurrencyConflictException)
            {
                return await Again(entered, [new FieldMessage("errors", PageText.Get(language, "Scheme.Stale"))], 409).ConfigureAwait(false);
            }
            catch (ImmutableRecordException)
            {
                return await Again(entered, [new FieldMessage("errors", PageText.Get(language, "Scheme.NotDraft"))], 409).ConfigureAwait(false);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 404 or 409 or 422 && ex.Field != Access.Field)
            {
                return await Again(entered, [new FieldMessage(ex.Field is "document" or "af" ? ex.Field : "errors", ex.Detail(language))], ex.Status).ConfigureAwait(false);
            }
        });

    /// <summary>POST pages/offices/{officeId}/schemes/{schemeId}/versions/{version}/submission: submits the draft for the
    /// Party group's decision through the same service as the API, under the ETag the page was served with.</summary>
    public static Task<IResult> SubmitSchemeDraftAsync(HttpRequest request, string officeId, string schemeId, string version) =>
        RunFormAsync(request, AccessRule.DraftOfficeScheme, officeId, async (caller, services, language, cancel) =>
        {
            var form = await ReadFormAsync(request, cancel).ConfigureAwait(false);
            var number = SchemeDraftEndpoints.VersionNumber(version);
            var (stored, versions) = await services.GetRequiredService<SchemeDraftQueries>().GetAsync(caller!, officeId, schemeId, number, cancel).ConfigureAwait(false);
            IReadOnlyList<FieldMessage> problems;
            int status;
            try
            {
                await RequireFormTokenAsync(request, services, SchemeNonce(officeId, schemeId, number, caller!.UserId), form, cancel).ConfigureAwait(false);
                await services.GetRequiredService<SchemeDraftActions>().SubmitAsync(caller, schemeId, number, FormETag(Field(form, "etag")), cancel).ConfigureAwait(false);
                request.HttpContext.Response.Headers.Location = SchemePage(request, officeId, schemeId, number, string.Empty, language, "done=submitted");
                return (string.Empty, 303);
            }
            catch (ConcurrencyConflictException)
            {
                (problems, status) = ([new FieldMessage("errors", PageText.Get(language, "Scheme.Stale"))], 409);
            }
            catch (ImmutableRecordException)
            {
                (problems, status) = ([new FieldMessage("errors", PageText.Get(language, "Scheme.NotDraft"))], 409);
            }
            catch (RequestRefusedException ex) when (ex.Status == 422 && ex.Field.StartsWith("$.", StringComparison.Ordinal))
            {
                // What a draft must say and the stored draft does not (its rater groups' raters): at each field, as shown.
                var shown = SchemeForm.From(stored.Scheme).AsShown();
                (problems, status) = (ex.Errors.Select(e => new FieldMessage(SchemeForm.FieldOf(e.Field, shown) ?? "errors", $"{e.Field}：{e.Text(language)}")).ToList(), 422);
            }
            catch (RequestRefusedException ex) when (ex.Status is 400 or 404 or 409 or 422 && ex.Field != Access.Field)
            {
                (problems, status) = ([new FieldMessage("errors", ex.Detail(language))], ex.Status);
            }

            return (await SchemeEditorPageAsync(request, services, caller!, officeId, stored, versions, SchemeForm.From(stored.Scheme), null, stored.ETag.ToString(), language,
                problems, null, cancel).ConfigureAwait(false), status);
        });

    /// <summary>GET pages/offices/{officeId}/schemes/{schemeId}/versions/{version}/diff: what changed against the version
    /// before it (or, with <c>?against=inforce</c> or when it is the first, against the scheme in force).</summary>
    public static Task<IResult> SchemeDiffAsync(HttpRequest request, string officeId, string schemeId, string version) =>
        RunAsync(request, AccessRule.ReviewSchemeDrafts, officeId, async (caller, services, language, cancel) =>
        {
            var queries = services.GetRequiredService<SchemeDraftQueries>();
            var (stored, versions) = await queries.GetAsync(caller!, officeId, schemeId, SchemeDraftEndpoints.VersionNumber(version), cancel).ConfigureAwait(false);
            var baseline = await queries.BaselineAsync(caller!, officeId, stored, versions, request.Query["against"].FirstOrDefault() == "inforce", cancel).ConfigureAwait(false);
            return await RenderAsync<Pages.Components.SchemeDiffPage>(request, caller, language, new()
            {
                ["OfficeId"] = officeId,
                ["Stored"] = stored,
                ["Baseline"] = baseline,
                ["Changes"] = baseline is null ? [] : SchemeDiff.Compare(baseline.Scheme, stored.Scheme),
                ["Links"] = SchemeLinks(request, officeId, stored, language),
            }).ConfigureAwait(false);
        });

    /// <summary>GET pages/offices/{officeId}/schemes/{schemeId}/versions/{version}/preview: the what-if preview.</summary>
    public static Task<IResult> SchemePreviewAsync(HttpRequest request, string officeId, string schemeId, string version) =>
        RunAsync(request, AccessRule.ReviewSchemeDrafts, officeId, async (caller, services, language, cancel) =>
        {
            var preview = await services.GetRequiredService<SchemePreviewQueries>().PreviewAsync(caller!, officeId, schemeId, SchemeDraftEndpoints.VersionNumber(version), cancel).ConfigureAwait(false);
            var org = await services.GetRequiredService<CycleRecords>().FindOrganisationAsync(officeId, cancel).ConfigureAwait(false);
            return await RenderAsync<Pages.Components.SchemePreviewPage>(request, caller, language, new()
            {
                ["Preview"] = preview,
                ["Departments"] = org?.Departments.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal) ?? [],
                ["Links"] = SchemeLinks(request, officeId, preview.Draft, language),
            }).ConfigureAwait(false);
        });

    /// <summary>The version tag a scheme form was served with: a save or submission is guarded by it, so a form gone stale
    /// is a conflict. None, or the wildcard (which would match any version), is refused.</summary>
    private static ETag FormETag(string etag) => etag.Length > 0 && etag != "*"
        ? new ETag(etag)
        : throw new RequestRefusedException(400, "etag", $"expected the version tag the form was served with, found '{etag}'", "表单缺少版本标记，请重新打开本页后提交");

    private static string SchemeListNonce(string officeId, string user) => $"schemes|{officeId}|{user}";

    private static string SchemeNonce(string officeId, string schemeId, int version, string user) =>
        $"scheme|{officeId}|{schemeId}|{version.ToString(CultureInfo.InvariantCulture)}|{user}";

    /// <summary>A scheme version's page (<paramref name="tail"/>: empty, <c>/diff</c>, <c>/preview</c>, <c>/submission</c>).</summary>
    private static string SchemePage(HttpRequest request, string officeId, string schemeId, int version, string tail, Domain.Text.Language language, string? query = null)
    {
        var parameters = new[] { query, language == Domain.Text.Language.En ? "lang=en" : null }.Where(q => q is not null).ToList();
        return $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/pages/offices/{Uri.EscapeDataString(officeId)}/schemes/{Uri.EscapeDataString(schemeId)}/versions/{version.ToString(CultureInfo.InvariantCulture)}{tail}"
            + (parameters.Count > 0 ? "?" + string.Join('&', parameters) : string.Empty);
    }

    private static SchemePageLinks SchemeLinks(HttpRequest request, string officeId, StoredScheme stored, Domain.Text.Language language) => new(
        $"{request.PathBase}/{EndpointCatalog.RoutePrefix}/pages/offices/{Uri.EscapeDataString(officeId)}/schemes{(language == Domain.Text.Language.En ? "?lang=en" : string.Empty)}",
        SchemePage(request, officeId, stored.Scheme.Id, stored.Scheme.Version, string.Empty, language),
        SchemePage(request, officeId, stored.Scheme.Id, stored.Scheme.Version, "/diff", language),
        SchemePage(request, officeId, stored.Scheme.Id, stored.Scheme.Version, "/diff", language, "against=inforce"),
        SchemePage(request, officeId, stored.Scheme.Id, stored.Scheme.Version, "/preview", language),
        SchemePage(request, officeId, stored.Scheme.Id, stored.Scheme.Version, "/submission", language));

    private static async Task<string> SchemeListPageAsync(HttpRequest request, IServiceProvider services, Caller caller, string officeId, Domain.Text.Language language,
        string? source, string? schemeId, IReadOnlyList<FieldMessage> errors, CancellationToken cancel)
    {
        var overview = await services.GetRequiredService<SchemeDraftQueries>().OverviewAsync(caller, officeId, cancel).ConfigureAwait(false);
        var drafts = caller.Has(Role.AppraisalOffice);
        return await RenderAsync<Pages.Components.SchemeListPage>(request, caller, language, new()
        {
            ["Overview"] = overview,
            ["FormAction"] = $"{request.PathBase}{request.Path}{(language == Domain.Text.Language.En ? "?lang=en" : string.Empty)}",
            ["AntiForgery"] = drafts ? await FormTokenAsync(request, services, SchemeListNonce(officeId, caller.UserId), cancel).ConfigureAwait(false) : null,
            ["Source"] = source,
            ["SchemeId"] = schemeId ?? overview.Own.LastOrDefault()?.Scheme.Id ?? $"{officeId}-scheme",
            ["Errors"] = errors,
            ["VersionPage"] = (Func<StoredScheme, string, string>)((s, tail) => SchemePage(request, officeId, s.Scheme.Id, s.Scheme.Version, tail, language)),
        }).ConfigureAwait(false);
    }

    private static async Task<string> SchemeEditorPageAsync(HttpRequest request, IServiceProvider services, Caller caller, string officeId, StoredScheme stored, IReadOnlyList<StoredScheme> versions,
        SchemeForm entered, string? json, string etag, Domain.Text.Language language, IReadOnlyList<FieldMessage> errors, string? notice, CancellationToken cancel)
    {
        var editable = caller.Has(Role.AppraisalOffice) && stored.Status == SchemeStatus.Draft && stored.OfficeId is not null;
        var org = await services.GetRequiredService<CycleRecords>().FindOrganisationAsync(officeId, cancel).ConfigureAwait(false);
        return await RenderAsync<Pages.Components.SchemeEditorPage>(request, caller, language, new()
        {
            ["Departments"] = org?.Departments.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal) ?? new Dictionary<string, string>(StringComparer.Ordinal),
            ["Stored"] = stored,
            ["Versions"] = versions,
            ["Entered"] = entered,
            ["Json"] = json ?? SchemeDocument.Write(stored.Scheme),
            ["ETag"] = etag,
            ["AntiForgery"] = editable ? await FormTokenAsync(request, services, SchemeNonce(officeId, stored.Scheme.Id, stored.Scheme.Version, caller.UserId), cancel).ConfigureAwait(false) : null,
            ["Links"] = SchemeLinks(request, officeId, stored, language),
            ["Errors"] = errors,
            ["Notice"] = notice,
        }).ConfigureAwait(false);
    }
}
