namespace Appraisal.SelfHost.Identity;

/// <summary>Signing in against the office's LDAP directory (section <c>SignIn:Ldap</c>).</summary>
public sealed class LdapOptions
{
}
