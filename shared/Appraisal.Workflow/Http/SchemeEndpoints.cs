using System.Globalization;
using System.Text;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Schemes.Validation;
using Appraisal.Domain.Text;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;

namespace Appraisal.Workflow.Http;

/// <summary>HTTP handlers for scheme documents (考核方案): validation and the ready-made templates. Host-agnostic:
/// the Azure Functions app and the self-host both map them. Errors are RFC 9457 problem details whose titles, details
/// and issue messages are Chinese unless the caller's Accept-Language prefers English.</summary>
public static class SchemeEndpoints
{
    /// <summary>The largest scheme document accepted, in bytes (1 MiB); real schemes are a few kilobytes.</summary>
    public const int MaxBodyBytes = 1024 * 1024;


    // Strict decoding: invalid bytes are reported instead of silently becoming U+FFFD inside the scheme.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>POST schemes/validate: checks a scheme document (JSON body) and reports every problem with its path.</summary>
    public static async Task<IResult> ValidateAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = RequestLanguage.Of(request);
        if (await RefusedAsync(request).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!request.HasJsonContentType())
        {
            var declared = !string.IsNullOrEmpty(request.ContentType);
            return Problem(request, StatusCodes.Status415UnsupportedMediaType,
                Text(language, "不支持的媒体类型", "Unsupported media type"),
                Text(language,
                    "方案文档应以 application/json 提交，" + (declared ? $"收到的 Content-Type 为 '{request.ContentType}'" : "请求未声明 Content-Type"),
                    "expected a scheme document as application/json, " + (declared ? $"found Content-Type '{request.ContentType}'" : "found no Content-Type")));
        }

        var body = await RequestBody.ReadAsync(request, MaxBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            return Problem(request, StatusCodes.Status413PayloadTooLarge,
                Text(language, "请求体过大", "Request body too large"),
                Text(language, $"方案文档不能超过 {MaxBodyBytes} 字节（1 MiB）", $"expected a scheme document of at most {MaxBodyBytes} bytes (1 MiB), found more"));
        }

        var (read, problem) = Read(request, body.Value, language);
        if (problem is not null)
        {
            return problem;
        }

        var scheme = read!.Scheme!;
        return Results.Ok(new ValidSchemeResponse(true, scheme.Id, scheme.Version, read.Warnings.Select(i => IssueResponse.From(i, language)).ToList()));
    }

    /// <summary>Reads a scheme document from a request body: strict UTF-8, then every check of the document; a
    /// problem (422 with each error's path) when it does not hold.</summary>
    internal static (SchemeValidationResult? Result, IResult? Problem) Read(HttpRequest request, ReadOnlyMemory<byte> body, Language language)
    {
        string json;
        try
        {
            json = StrictUtf8.GetString(body.Span);
        }
        catch (DecoderFallbackException ex)
        {
            return (null, Invalid(request, language, [new IssueResponse("$", Text(language,
                Invariant($"应为 UTF-8 文本，实际在偏移 {ex.Index} 处有无效字节"),
                Invariant($"expected UTF-8 text, found an invalid byte at offset {ex.Index}")))], []));
        }

        var result = SchemeDocument.Read(json);
        return result.IsValid
            ? (result, null)
            : (null, Invalid(request, language, result.Errors.Select(i => IssueResponse.From(i, language)).ToList(), result.Warnings.Select(i => IssueResponse.From(i, language)).ToList()));
    }

    /// <summary>GET schemes/templates/{letter}: the scheme document of a ready-made template (A–D).</summary>
    public static async Task<IResult> GetTemplateAsync(string letter, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await RefusedAsync(request).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!string.IsNullOrEmpty(letter) && SchemeTemplates.Descriptions.ContainsKey(letter))
        {
            return Results.Text(SchemeTemplates.Json(letter), "application/json", Encoding.UTF8, StatusCodes.Status200OK);
        }

        var language = RequestLanguage.Of(request);
        var allowed = SchemeTemplates.Descriptions.Keys.Order(StringComparer.Ordinal).ToList();
        return Results.Problem(
            type: Problems.TypeOf(StatusCodes.Status404NotFound),
            title: Text(language, "未找到方案模板", "Scheme template not found"),
            statusCode: StatusCodes.Status404NotFound,
            detail: Text(language,
                $"没有模板 '{letter}'；可用的模板为 {string.Join("、", allowed)}",
                $"expected a template letter {string.Join(", ", allowed)}, found '{letter}'"),
            instance: request.Path.HasValue ? request.Path.Value : null,
            extensions: new Dictionary<string, object?> { ["letter"] = letter, ["allowed"] = allowed });
    }

    /// <summary>GET schemes/templates: every template letter with its description.</summary>
    public static async Task<IResult> ListTemplatesAsync(HttpRequest request) =>
        await RefusedAsync(request).ConfigureAwait(false) ?? Results.Ok(new TemplateListResponse(
            SchemeTemplates.Descriptions
                .OrderBy(t => t.Key, StringComparer.Ordinal)
                .Select(t => new TemplateSummary(t.Key, t.Value))
                .ToList()));

    /// <summary>Anyone signed in may read templates and validate schemes (nothing changes); null when allowed.</summary>
    private static async Task<IResult?> RefusedAsync(HttpRequest request)
    {
        try
        {
            await Access.CheckAsync(request, AccessRule.Anyone).ConfigureAwait(false);
            return null;
        }
        catch (Cycle.RequestRefusedException ex)
        {
            return Handler.Refused(request, ex);
        }
    }

    private static IResult Invalid(HttpRequest request, Language language, IReadOnlyList<IssueResponse> errors, IReadOnlyList<IssueResponse> warnings) =>
        Problem(request, StatusCodes.Status422UnprocessableEntity,
            Text(language, "考核方案校验未通过", "The appraisal scheme failed validation"),
            Text(language,
                Invariant($"发现 {errors.Count} 个错误，详见 errors（每项给出 JSON 路径与原因）"),
                Invariant($"found {errors.Count} error(s); see errors for each path and reason")),
            new Dictionary<string, object?> { ["errors"] = errors, ["warnings"] = warnings });

    private static IResult Problem(HttpRequest request, int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Problems.Of(request, status, title, detail, extensions);

    private static string Text(Language language, string zh, string en) => Problems.Text(language, zh, en);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
