using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Appraisal.Workflow.Http;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>Requests to a running self-host, and the check every refusal must pass: its status, an RFC 9457 problem
/// with a detail, and (when named) the field it is about.</summary>
internal static class Requests
{
    public static HttpRequestMessage As(string token, HttpRequestMessage request)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public static HttpRequestMessage JsonBody(HttpMethod method, string path, object body) =>
        new(method, path) { Content = JsonContent.Create(body, options: CycleEndpoints.Json) };

    public static HttpRequestMessage Raw(HttpMethod method, string path, string body, string mediaType) =>
        new(method, path) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    public static HttpRequestMessage Bytes(HttpMethod method, string path, byte[] body, string? mediaType = null)
    {
        var content = new ByteArrayContent(body);
        if (mediaType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        }

        return new HttpRequestMessage(method, path) { Content = content };
    }

    public static HttpRequestMessage IfMatch(string etag, HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    /// <summary>Sends each case and checks its refusal; returns how many were checked.</summary>
    public static async Task<int> AssertRefusedAsync(HttpClient http, IEnumerable<(string Name, HttpRequestMessage Request, HttpStatusCode Status, string? Field)> cases)
    {
        var count = 0;
        foreach (var (name, request, status, field) in cases)
        {
            using (request)
            using (var response = await http.SendAsync(request))
            {
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(status == response.StatusCode, $"{name}: expected {(int)status}, found {(int)response.StatusCode} {body}");
                Assert.True("application/problem+json" == response.Content.Headers.ContentType?.MediaType, $"{name}: expected a problem, found {response.Content.Headers.ContentType} {body}");
                var problem = JsonDocument.Parse(body).RootElement;
                Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
                Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), name);
                if (field is not null)
                {
                    Assert.True(problem.TryGetProperty("field", out var found) && field == found.GetString(), $"{name}: expected field {field}, found {body}");
                }
            }

            count++;
        }

        return count;
    }
}
