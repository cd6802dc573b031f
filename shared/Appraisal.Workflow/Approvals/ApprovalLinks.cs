using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Appraisal.Workflow.Approvals;

/// <summary>How a link checks out: good, not a link at all, signed by no key we hold (tampered), or past its time.</summary>
public enum LinkCheck
{
    Valid,
    Malformed,
    Forged,
    Expired,
}

/// <summary>Signs and checks approval links: <c>base64url(claims JSON) "." base64url(HMAC-SHA256)</c>. Checking uses
/// a constant-time comparison against the current key and any previous ones. Also derives the deterministic nonce of
/// a member's link for a round (a retried mail activity issues the same link) and the anti-forgery value the
/// confirmation form carries.</summary>
public sealed class ApprovalLinks(ApprovalKeys keys)
{
    public async Task<string> SignAsync(ApprovalClaims claims, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var (current, _) = await keys.GetAsync(cancel).ConfigureAwait(false);
        var payload = JsonSerializer.SerializeToUtf8Bytes(claims);
        return WebEncoders.Base64UrlEncode(payload) + "." + WebEncoders.Base64UrlEncode(HMACSHA256.HashData(current, payload));
    }

    public async Task<(LinkCheck Check, ApprovalClaims? Claims)> CheckAsync(string? token, DateTimeOffset now, CancellationToken cancel)
    {
        var parts = (token ?? "").Split('.');
        byte[] payload, signature;
        try
        {
            if (parts.Length != 2 || parts[0].Length is 0 or > 2048 || parts[1].Length != 43)
            {
                return (LinkCheck.Malformed, null);
            }

            payload = WebEncoders.Base64UrlDecode(parts[0]);
            signature = WebEncoders.Base64UrlDecode(parts[1]);
        }
        catch (FormatException)
        {
            return (LinkCheck.Malformed, null);
        }

        var (current, previous) = await keys.GetAsync(cancel).ConfigureAwait(false);
        if (!new[] { current }.Concat(previous).Any(key => CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, payload), signature)))
        {
            return (LinkCheck.Forged, null);
        }

        ApprovalClaims? claims;
        try
        {
            claims = JsonSerializer.Deserialize<ApprovalClaims>(payload);
        }
        catch (JsonException)
        {
            return (LinkCheck.Malformed, null);
        }

        if (claims is null || string.IsNullOrEmpty(claims.OfficeId) || string.IsNullOrEmpty(claims.Nonce) || string.IsNullOrEmpty(claims.MemberId))
        {
            return (LinkCheck.Malformed, null);
        }

        return (claims.Expires <= now ? LinkCheck.Expired : LinkCheck.Valid, claims);
    }

    /// <summary>The nonce of a member's link for a round: the same however often the mail activity runs.</summary>
    public async Task<string> NonceAsync(string officeId, string period, int round, string memberId, CancellationToken cancel)
    {
        var (current, _) = await keys.GetAsync(cancel).ConfigureAwait(false);
        return WebEncoders.Base64UrlEncode(HMACSHA256.HashData(current, Encoding.UTF8.GetBytes($"nonce|{officeId}|{period}|{round}|{memberId}")))[..22];
    }

    /// <summary>The anti-forgery value of a confirmation form: bound to the link's nonce and to the browser's cookie,
    /// so a page elsewhere can neither read nor forge it (double-submit, signed).</summary>
    public async Task<string> FormTokenAsync(string nonce, string cookie, CancellationToken cancel)
    {
        var (current, _) = await keys.GetAsync(cancel).ConfigureAwait(false);
        return WebEncoders.Base64UrlEncode(HMACSHA256.HashData(current, Encoding.UTF8.GetBytes($"form|{nonce}|{cookie}")));
    }

    public async Task<bool> FormTokenMatchesAsync(string nonce, string? cookie, string? formToken, CancellationToken cancel)
    {
        if (string.IsNullOrEmpty(cookie) || string.IsNullOrEmpty(formToken))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(await FormTokenAsync(nonce, cookie, cancel).ConfigureAwait(false));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(formToken));
    }
}
