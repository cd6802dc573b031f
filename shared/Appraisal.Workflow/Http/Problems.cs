using Appraisal.Domain.Text;
using Microsoft.AspNetCore.Http;

namespace Appraisal.Workflow.Http;

/// <summary>RFC 9457 problem details as every handler answers them: a type naming the HTTP status's section of
/// RFC 9110, a title and detail in the caller's language, the request path as the instance.</summary>
internal static class Problems
{
    public static IResult Of(HttpRequest request, int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, instance: request.Path.HasValue ? request.Path.Value : null, statusCode: status,
            title: title, type: TypeOf(status), extensions: extensions);

    public static string TypeOf(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "about:blank",
    };

    public static string Text(Language language, string zh, string en) => language == Language.En ? en : zh;
}
