using System.Text.Json;
using Appraisal.Storage;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.AspNetCore.Http;

namespace Appraisal.Workflow.Http;

/// <summary>What every handler does around its own work: checks the caller against the endpoint's rule, reads the
/// body within its size limit, and turns refusals, conflicts and stale ETags into RFC 9457 problems. Nothing is
/// stored before the request is known good, so a refused request changes nothing.</summary>
internal static class Handler
{
    /// <summary>Checks the caller, then runs the action; refusals and storage conflicts become problems (a stale ETag
    /// is 412 when the caller sent If-Match, a conflict between concurrent requests 409 otherwise).</summary>
    public static async Task<IResult> RunAsync(HttpRequest request, AccessRule rule, string? officeId, string? departmentId,
        Func<Caller?, IServiceProvider, CancellationToken, Task<IResult>> action)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(action);
        // Every storage call made for the request is bounded in time (Storage:RequestTimeout): past it, 503.
        using var bound = StorageRequestScope.Begin();
        try
        {
            var caller = await Access.CheckAsync(request, rule, officeId, departmentId).ConfigureAwait(false);
            return await action(caller, request.HttpContext.RequestServices, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (RequestRefusedException ex)
        {
            return Refused(request, ex);
        }
        catch (ConcurrencyConflictException ex) when (ex.Status == 412 && request.Headers.IfMatch.Count > 0)
        {
            return Refused(request, new RequestRefusedException(412, "If-Match", $"expected the current ETag of {ex.Record}, found a stale one (changed by someone else since it was read)",
                $"{ex.Record} 已被他人更改，请重新读取（取得新的 ETag）后再试"));
        }
        catch (Exception ex) when (RequestRefusedException.FromStorage(ex) is { } refusal)
        {
            return Refused(request, refusal);
        }
    }

    /// <summary>Checks the caller, reads the JSON body (type-checked, size-limited), runs the action.</summary>
    public static Task<IResult> JsonAsync<T>(HttpRequest request, AccessRule rule, string? officeId, string? departmentId,
        Func<T, Caller?, IServiceProvider, CancellationToken, Task<IResult>> action, int maxBytes = CycleEndpoints.MaxBodyBytes)
        where T : class =>
        BodyAsync(request, rule, officeId, departmentId, ["application/json"], maxBytes, (bytes, caller, services, cancel) =>
        {
            var language = RequestLanguage.Of(request);
            var bad = Problems.Text(language, "请求无效", "Bad request");
            T? body;
            try
            {
                body = JsonSerializer.Deserialize<T>(bytes.Span, CycleEndpoints.Json);
            }
            catch (JsonException ex)
            {
                return Task.FromResult(Problems.Of(request, 400, bad, Problems.Text(language, $"{ex.Path ?? "$"}：JSON 无效（{ex.Message}）", $"{ex.Path ?? "$"}: expected valid JSON of the request, found: {ex.Message}"),
                    new Dictionary<string, object?> { ["field"] = ex.Path ?? "$" }));
            }

            return body is null
                ? Task.FromResult(Problems.Of(request, 400, bad, Problems.Text(language, "$：应为 JSON 对象，实际为 null", "$: expected a JSON object, found null"), new Dictionary<string, object?> { ["field"] = "$" }))
                : action(body, caller, services, cancel);
        });

    /// <summary>Checks the caller, the media type (any of <paramref name="mediaTypes"/>, or anything when empty) and
    /// the size of the body, then runs the action on its bytes.</summary>
    public static Task<IResult> BodyAsync(HttpRequest request, AccessRule rule, string? officeId, string? departmentId, IReadOnlyList<string> mediaTypes, long maxBytes,
        Func<ReadOnlyMemory<byte>, Caller?, IServiceProvider, CancellationToken, Task<IResult>> action) =>
        RunAsync(request, rule, officeId, departmentId, async (caller, services, cancel) =>
        {
            var language = RequestLanguage.Of(request);
            var type = request.ContentType?.Split(';', 2)[0].Trim();
            if (mediaTypes.Count > 0 && !mediaTypes.Contains(type ?? string.Empty, StringComparer.OrdinalIgnoreCase))
            {
                return Problems.Of(request, 415, Problems.Text(language, "不支持的媒体类型", "Unsupported media type"),
                    Problems.Text(language, $"Content-Type：应为 {string.Join(" 或 ", mediaTypes)}，实际为 '{request.ContentType}'", $"Content-Type: expected {string.Join(" or ", mediaTypes)}, found '{request.ContentType}'"),
                    new Dictionary<string, object?> { ["field"] = "Content-Type" });
            }

            var bytes = await RequestBody.ReadAsync(request, maxBytes).ConfigureAwait(false);
            if (bytes is null)
            {
                return Problems.Of(request, 413, Problems.Text(language, "请求体过大", "Request body too large"),
                    Problems.Text(language, $"请求体不能超过 {maxBytes} 字节", $"expected at most {maxBytes} bytes, found more"), new Dictionary<string, object?> { ["field"] = "body" });
            }

            return await action(bytes.Value, caller, services, cancel).ConfigureAwait(false);
        });

    /// <summary>A refusal as its problem: the status, a title for it, the field and what was expected and found; 401
    /// also says how to sign in (WWW-Authenticate).</summary>
    public static IResult Refused(HttpRequest request, RequestRefusedException ex)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ex);
        var language = RequestLanguage.Of(request);
        var title = ex.Status switch
        {
            401 => Problems.Text(language, "未登录", "Unauthorized"),
            403 => Problems.Text(language, "无权操作", "Forbidden"),
            404 => Problems.Text(language, "未找到", "Not found"),
            409 => Problems.Text(language, "冲突", "Conflict"),
            412 => Problems.Text(language, "前提条件不成立", "Precondition failed"),
            415 => Problems.Text(language, "不支持的文件类型", "Unsupported media type"),
            422 => Problems.Text(language, "无法处理的内容", "Unprocessable content"),
            428 => Problems.Text(language, "需要前提条件", "Precondition required"),
            503 => Problems.Text(language, "暂不可用，请稍后重试", "Not available yet; retry"),
            _ => Problems.Text(language, "请求无效", "Bad request"),
        };
        if (ex.Status == 401)
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        }

        RetryAfter(request, ex);

        return Problems.Of(request, ex.Status, title, ex.Text(language), new Dictionary<string, object?> { ["field"] = ex.Field, ["errors"] = ex.Errors.Select(e => e.ToString(language)).ToList() });
    }

    /// <summary>Says when to try again (<c>Retry-After</c>, in seconds) when the refusal knows (storage did not answer).</summary>
    public static void RetryAfter(HttpRequest request, RequestRefusedException ex)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ex);
        if (ex.RetryAfter is { } after)
        {
            request.HttpContext.Response.Headers.RetryAfter = ((long)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A period from a request (2026-M03, 2026-Q1, 2026), of one of <paramref name="kinds"/> when any are
    /// named; 400 naming the field otherwise.</summary>
    public static Domain.Periods.Period Period(string? value, string field, params Domain.Periods.PeriodKind[] kinds)
    {
        var example = kinds is [Domain.Periods.PeriodKind.Month] ? "2026-M03" : "2026-Q1";
        if (!Domain.Periods.Period.TryParse(value, out var p, out var reason))
        {
            throw new RequestRefusedException(400, field, $"expected a period such as {example}, found '{value}' ({reason})", $"应为期间，如 {example}，实际为 '{value}'（{reason}）");
        }

        return kinds.Length > 0 && !kinds.Contains(p.Kind)
            ? throw new RequestRefusedException(400, field, $"expected a {string.Join(" or ", kinds).ToLowerInvariant()} such as {example}, found '{value}'",
                $"应为{string.Join("或", kinds.Select(k => k switch { Domain.Periods.PeriodKind.Month => "月份", Domain.Periods.PeriodKind.Quarter => "季度", _ => "年度" }))}，如 {example}，实际为 '{value}'")
            : p;
    }

    /// <summary>Refuses a missing value with 400 naming the field.</summary>
    public static string Require([System.Diagnostics.CodeAnalysis.NotNull] string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new RequestRefusedException(400, field, "expected a value, found none", "必填，实际为空") : value;

    /// <summary>The If-Match header an edit must carry: the one ETag it read. 428 without it, or with the wildcard
    /// (<c>*</c>, which would match any version and so skip the check) or several headers in its place.</summary>
    public static Azure.ETag IfMatch(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Headers.IfMatch;
        var value = values.Count == 1 ? values[0]?.Trim() : null;
        if (values.Count == 0 || string.IsNullOrWhiteSpace(values.ToString()))
        {
            throw new RequestRefusedException(428, "If-Match", "expected the ETag this edit is based on (from the last read), found no If-Match header",
                "应在 If-Match 中给出所依据版本的 ETag（上次读取时取得），实际没有");
        }

        return value is null or "*"
            ? throw RequestRefusedException.AnyVersion(values.ToString())
            : new Azure.ETag(value);
    }
}
