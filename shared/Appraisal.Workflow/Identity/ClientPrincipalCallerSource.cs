using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Appraisal.Workflow.Identity;

/// <summary>The caller on Azure: App Service Authentication (Entra ID) puts the signed-in principal in the
/// <c>x-ms-client-principal</c> header (base64 JSON: <c>claims</c> of <c>typ</c>/<c>val</c>). The platform removes the
/// header from what clients send, so it can be trusted only behind App Service Authentication — which the
/// deployment turns on for the Function App. Roles come from the app registration's app roles (<c>roles</c>); the
/// office and department from optional claims of those names.</summary>
public sealed class ClientPrincipalCallerSource : ICallerSource
{
    public const string Header = "x-ms-client-principal";

    public Task<Caller?> GetAsync(HttpRequest request, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(Read(request.Headers[Header].FirstOrDefault()));
    }

    public static Caller? Read(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > 64 * 1024)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            if (!doc.RootElement.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            return Caller.FromClaims(claims.EnumerateArray()
                .Where(c => c.TryGetProperty("typ", out _) && c.TryGetProperty("val", out _))
                .Select(c => (c.GetProperty("typ").GetString() ?? "", c.GetProperty("val").GetString() ?? "")));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
