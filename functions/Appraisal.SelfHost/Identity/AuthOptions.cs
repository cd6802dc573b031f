namespace Appraisal.SelfHost.Identity;

/// <summary>The self-host's bearer tokens (section <c>Auth</c>): the HS256 signing key (base64, at least 32 bytes;
/// none: generated once and kept in the <c>keys</c> container), issuer, audience, and how long issued tokens live.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "appraisal";

    public string Audience { get; set; } = "appraisal";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
