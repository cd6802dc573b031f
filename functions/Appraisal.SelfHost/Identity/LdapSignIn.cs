namespace Appraisal.SelfHost.Identity;

/// <summary>What the directory answered to a user name and password (<see cref="LdapDirectory.AuthenticateAsync"/>).</summary>
public abstract record LdapSignIn
{
    private LdapSignIn()
    {
    }

    /// <summary>The password was bound as the one entry the filter found.</summary>
    public sealed record SignedIn(LdapEntry Entry) : LdapSignIn;

    /// <summary>No such user, a wrong or empty password, or a user name no directory could hold — told apart in the
    /// log only, never to the person signing in.</summary>
    public sealed record BadCredentials(string Reason) : LdapSignIn;

    /// <summary>The filter found more than one entry for the user name: nobody is signed in.</summary>
    public sealed record Ambiguous(int Found) : LdapSignIn;

    /// <summary>The directory could not be asked: down, TLS refused, the service account refused, a timeout.</summary>
    public sealed record Unavailable(string Reason) : LdapSignIn;
}

/// <summary>The person's entry: their DN, and the values of the configured attributes (null when the entry has none).</summary>
public sealed record LdapEntry(string Dn, string? PersonId, string? OfficeId, string? DepartmentId, IReadOnlyList<string> Groups);
