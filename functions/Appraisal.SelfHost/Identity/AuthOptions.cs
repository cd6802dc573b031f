namespace Appraisal.SelfHost.Identity;

/// <summary>The self-host's bearer tokens (section <c>Auth</c>): the HS256 signing key (base64, at least 32 bytes;
/// none: generated once and kept in the <c>keys</c> container), issuer, audience, how long issued tokens live, and the keys of a rotation still accepted.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string? SigningKey { get; set; }

    /// <summary>Keys tokens may still be signed with during a rotation (until the tokens they signed expire, at most
    /// <see cref="TokenLifetime"/>); new tokens are signed with <see cref="SigningKey"/> only.</summary>
    public IList<string> PreviousSigningKeys { get; } = [];

    public string Issuer { get; set; } = "appraisal";

    public string Audience { get; set; } = "appraisal";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
