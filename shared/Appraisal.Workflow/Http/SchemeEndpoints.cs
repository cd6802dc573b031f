using System.Globalization;
using System.Text;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Domain.Text;
using Microsoft.AspNetCore.Http;

namespace Appraisal.Workflow.Http;

/// <summary>HTTP handlers for scheme documents (考核方案): validation and the ready-made templates. Host-agnostic:
/// the Azure Functions app and the self-host both map them. Errors are RFC 9457 problem details whose titles, details
/// and issue messages are Chinese unless the caller's Accept-Language prefers English.</summary>
public static class SchemeEndpoints
{
    /// <summary>The largest scheme document accepted, in bytes (1 MiB); real schemes are a few kilobytes.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private const string NotFoundType = "https://tools.ietf.org/html/rfc9110#section-15.5.5";
    private const string ContentTooLargeType = "https://tools.ietf.org/html/rfc9110#section-15.5.14";
    private const string UnsupportedMediaType = "https://tools.ietf.org/html/rfc9110#section-15.5.16";
    private const string UnprocessableType = "https://tools.ietf.org/html/rfc9110#section-15.5.21";

    // Strict decoding: invalid bytes are reported instead of silently becoming U+FFFD inside the scheme.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>POST schemes/validate: checks a scheme document (JSON body) and reports every problem with its path.</summary>
    public static async Task<IResult> ValidateAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = RequestLanguage.Of(request);
        if (!request.HasJsonContentType())
        {
            var declared = !string.IsNullOrEmpty(request.ContentType);
            return Problem(request, StatusCodes.Status415UnsupportedMediaType, UnsupportedMediaType,
                Text(language, "不支持的媒体类型", "Unsupported media type"),
                Text(language,
                    "方案文档应以 application/json 提交，" + (declared ? $"收到的 Content-Type 为 '{request.ContentType}'" : "请求未声明 Content-Type"),
                    "expected a scheme document as application/json, " + (declared ? $"found Content-Type '{request.ContentType}'" : "found no Content-Type")));
        }

        var body = await ReadBodyAsync(request).ConfigureAwait(false);
        if (body is null)
        {
            return Problem(request, StatusCodes.Status413PayloadTooLarge, ContentTooLargeType,
                Text(language, "请求体过大", "Request body too large"),
                Text(language, $"方案文档不能超过 {MaxBodyBytes} 字节（1 MiB）", $"expected a scheme document of at most {MaxBodyBytes} bytes (1 MiB), found more"));
        }

        string json;
        try
        {
            json = StrictUtf8.GetString(body.Value.Span);
        }
        catch (DecoderFallbackException ex)
        {
            return Invalid(request, language, [new IssueResponse("$", Text(language,
                Invariant($"应为 UTF-8 文本，实际在偏移 {ex.Index} 处有无效字节"),
                Invariant($"expected UTF-8 text, found an invalid byte at offset {ex.Index}")))], []);
        }

        var result = SchemeDocument.Read(json);
        var warnings = result.Warnings.Select(i => IssueResponse.From(i, language)).ToList();
        if (!result.IsValid)
        {
            return Invalid(request, language, result.Errors.Select(i => IssueResponse.From(i, language)).ToList(), warnings);
        }

        var scheme = result.Scheme!;
        return Results.Ok(new ValidSchemeResponse(true, scheme.Id, scheme.Version, warnings));
    }

    /// <summary>GET schemes/templates/{letter}: the scheme document of a ready-made template (A–D). The request,
    /// when given, chooses the language of the problem title; a method group with one signature maps in minimal APIs.</summary>
    public static IResult GetTemplate(string letter, HttpRequest? request = null)
    {
        if (!string.IsNullOrEmpty(letter) && SchemeTemplates.Descriptions.ContainsKey(letter))
        {
            return Results.Text(SchemeTemplates.Json(letter), "application/json", Encoding.UTF8, StatusCodes.Status200OK);
        }

        var language = request is null ? Language.Zh : RequestLanguage.Of(request);
        var allowed = SchemeTemplates.Descriptions.Keys.Order(StringComparer.Ordinal).ToList();
        return Results.Problem(
            type: NotFoundType,
            title: Text(language, "未找到方案模板", "Scheme template not found"),
            statusCode: StatusCodes.Status404NotFound,
            detail: Text(language,
                $"没有模板 '{letter}'；可用的模板为 {string.Join("、", allowed)}",
                $"expected a template letter {string.Join(", ", allowed)}, found '{letter}'"),
            instance: request?.Path.HasValue == true ? request.Path.Value : null,
            extensions: new Dictionary<string, object?> { ["letter"] = letter, ["allowed"] = allowed });
    }

    /// <summary>GET schemes/templates: every template letter with its description.</summary>
    public static IResult ListTemplates() => Results.Ok(new TemplateListResponse(
        SchemeTemplates.Descriptions
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new TemplateSummary(t.Key, t.Value))
            .ToList()));

    /// <summary>Reads the body up to the limit; null when it is larger. Content-Length is not trusted alone:
    /// chunked requests have none.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray().AsMemory();
        // A UTF-8 byte order mark is not part of the document.
        return bytes.Span.StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes;
    }

    private static IResult Invalid(HttpRequest request, Language language, IReadOnlyList<IssueResponse> errors, IReadOnlyList<IssueResponse> warnings) =>
        Problem(request, StatusCodes.Status422UnprocessableEntity, UnprocessableType,
            Text(language, "考核方案校验未通过", "The appraisal scheme failed validation"),
            Text(language,
                Invariant($"发现 {errors.Count} 个错误，详见 errors（每项给出 JSON 路径与原因）"),
                Invariant($"found {errors.Count} error(s); see errors for each path and reason")),
            new Dictionary<string, object?> { ["errors"] = errors, ["warnings"] = warnings });

    private static IResult Problem(HttpRequest request, int status, string type, string title, string detail,
        IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, instance: request.Path.HasValue ? request.Path.Value : null, statusCode: status,
            title: title, type: type, extensions: extensions);

    private static string Text(Language language, string zh, string en) => language == Language.En ? en : zh;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
