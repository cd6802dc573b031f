namespace Appraisal.SelfHost.Identity;

/// <summary>How a browser signed in: a token from <c>appraisal token issue</c> pasted into the form, the demo's
/// people list, the office's LDAP directory, or its OpenID Connect provider.</summary>
public enum SignInMethod
{
    Token,
    Demo,
    Ldap,
    Oidc,
}
