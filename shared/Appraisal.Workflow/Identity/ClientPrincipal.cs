using System.Text;
using System.Text.Json;

namespace Appraisal.Workflow.Identity;

/// <summary>The signed-in principal App Service Authentication passes in <c>x-ms-client-principal</c>: base64 JSON
/// with the identity provider (<c>auth_typ</c>, <c>aad</c> for Entra ID), the claim types it uses for the name and
/// roles (<c>name_typ</c>, <c>role_typ</c>), and the token's claims as <c>typ</c>/<c>val</c> pairs (a claim with several
/// values, such as <c>roles</c>, appears once per value; some types arrive as long URIs).</summary>
public sealed record ClientPrincipal(string? IdentityProvider, string? NameType, string? RoleType, IReadOnlyList<(string Type, string Value)> Claims)
{
    /// <summary>Entra's object id (<c>oid</c>) as App Service passes it: the account, not the person.</summary>
    public const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    /// <summary>The token's <c>sub</c> as App Service passes it: in Entra a pairwise id, per application.</summary>
    public const string NameIdentifierClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier";

    private const int MaxHeaderLength = 64 * 1024;

    /// <summary>Entra's object id of the account, for messages and logs; never the person's id.</summary>
    public string? ObjectId => Value(ObjectIdClaim) ?? Value("oid");

    /// <summary>The account's display name or sign-in name, for messages.</summary>
    public string? Name => (NameType is null ? null : Value(NameType)) ?? Value("name") ?? Value("preferred_username");

    /// <summary>The principal in the header, or null when there is none or it is not one (not base64, not JSON, no claims).</summary>
    public static ClientPrincipal? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > MaxHeaderLength)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var pairs = claims.EnumerateArray()
                .Where(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("typ", out var t) && t.ValueKind == JsonValueKind.String
                    && c.TryGetProperty("val", out var v) && v.ValueKind == JsonValueKind.String)
                .Select(c => (c.GetProperty("typ").GetString()!, c.GetProperty("val").GetString()!))
                .ToList();
            return new ClientPrincipal(Text(root, "auth_typ"), Text(root, "name_typ"), Text(root, "role_typ"), pairs);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The person this principal is in the organisation, by the configured claims; null when it carries no
    /// person id (signed in, but no person of the organisation).</summary>
    public Caller? ToCaller(PrincipalClaimOptions names) => Caller.FromClaims(Claims, names, RoleType);

    private string? Value(string type) => Claims.FirstOrDefault(c => c.Type == type && !string.IsNullOrWhiteSpace(c.Value)).Value;

    private static string? Text(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
