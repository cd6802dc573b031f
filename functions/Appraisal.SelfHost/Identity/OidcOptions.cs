namespace Appraisal.SelfHost.Identity;

/// <summary>Signing in through the office's OpenID Connect provider (section <c>SignIn:Oidc</c>).</summary>
public sealed class OidcOptions
{
}
