using System.Security.Claims;
using Appraisal.SelfHost.Identity;
using Appraisal.Workflow.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appraisal.SelfHost.Tests.Identity;

/// <summary>The OpenID Connect settings as checked at start, and the caller a provider's claims make.</summary>
public sealed class OidcClaimsTests
{
    private static SignInOptions Settings(Action<OidcOptions>? change = null)
    {
        var options = new SignInOptions { Directory = DirectoryKind.Oidc, OfficeId = "sample-basic" };
        options.Oidc.Authority = "https://sso.example.org/realms/office";
        options.Oidc.ClientId = "appraisal";
        options.Oidc.ClientSecret = "secret";
        options.RoleGroups["DepartmentHead"] = ["CN=Heads,OU=Groups"];
        options.RoleGroups["Staff"] = ["CN=Staff,OU=Groups"];
        change?.Invoke(options.Oidc);
        return options;
    }

    [Fact]
    public void ValidSettings_HaveNoProblems_AndAskForOpenIdProfileAndTheExtras()
    {
        var options = Settings(o => o.Scopes.Add("groups"));

        Assert.Empty(options.Oidc.Problems());
        Assert.Equal(["openid", "profile", "groups"], options.Oidc.AllScopes());
        Assert.Equal(("employeeid", "groups", "/signin/oidc/callback", true), (options.Oidc.PersonIdClaim, options.Oidc.GroupClaim, options.Oidc.CallbackPath, options.Oidc.RequireHttpsMetadata));
    }

    [Theory]
    [InlineData("Authority", "not a url", "SignIn:Oidc:Authority")]
    [InlineData("Authority", "ftp://sso.example.org", "SignIn:Oidc:Authority")]
    [InlineData("Authority", "http://sso.example.org", "SignIn:Oidc:RequireHttpsMetadata")]
    [InlineData("ClientId", "", "SignIn:Oidc:ClientId")]
    [InlineData("ClientSecret", " ", "SignIn:Oidc:ClientSecret")]
    [InlineData("PersonIdClaim", "sub", "SignIn:Oidc:PersonIdClaim")]
    [InlineData("PersonIdClaim", "oid", "SignIn:Oidc:PersonIdClaim")]
    [InlineData("CallbackPath", "//evil.example/cb", "SignIn:Oidc:CallbackPath")]
    public void AWrongSetting_StopsTheStart_NamingIt(string property, string value, string named)
    {
        var options = Settings(o => typeof(OidcOptions).GetProperty(property)!.SetValue(o, value));

        var refused = Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddOidcSignIn(options));

        Assert.Contains(refused.Failures, f => f.StartsWith(named + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void AnHttpAuthority_IsAcceptedOnlyWithRequireHttpsMetadataFalse()
    {
        Assert.Empty(Settings(o => { o.Authority = "http://127.0.0.1:5001"; o.RequireHttpsMetadata = false; }).Oidc.Problems());
    }

    [Fact]
    public void RolesComeFromTheRoleClaimAndTheMappedGroups_TheOfficeFromTheSettingsWhenTheTokenNamesNone()
    {
        var claims = new OidcClaims(Settings());

        var (caller, refusal) = claims.CallerOf(
        [
            new Claim("sub", "acct-17"), new Claim("employeeid", "E0042"), new Claim("department", "D03"),
            new Claim("groups", "cn=heads,ou=groups"), new Claim("roles", "Supervisor"), new Claim("roles", "Mayor"),
        ]);

        Assert.Null(refusal);
        Assert.Equal(("E0042", "sample-basic", "D03"), (caller!.UserId, caller.OfficeId, caller.DepartmentId));
        Assert.Equal(new HashSet<Role> { Role.DepartmentHead, Role.Supervisor }, caller.Roles.ToHashSet());
    }

    [Fact]
    public void OtherRoleClaims_GiveNothing_WhenTheRoleClaimIsAnother()
    {
        var claims = new OidcClaims(Settings(o => o.RoleClaim = "appraisal_roles"));

        var (caller, refusal) = claims.CallerOf([new Claim("employeeid", "E0042"), new Claim("roles", "Administrator"), new Claim("role", "Supervisor")]);
        var (office, _) = claims.CallerOf([new Claim("employeeid", "E0042"), new Claim("appraisal_roles", "AppraisalOffice"), new Claim("office", "other-office")]);

        Assert.Equal((null, "no mapped role"), (caller, refusal));
        Assert.Equal([Role.AppraisalOffice], office!.Roles);
        Assert.Equal("other-office", office.OfficeId);
    }

    [Fact]
    public void NoPersonId_IsRefused_EvenWithASubject()
    {
        var (caller, refusal) = new OidcClaims(Settings()).CallerOf([new Claim("sub", "E0042"), new Claim("groups", "CN=Staff,OU=Groups")]);

        Assert.Equal((null, "no employeeid claim, or its person, office or department is not an id"), (caller, refusal));
        var (controlled, why) = new OidcClaims(Settings()).CallerOf([new Claim("employeeid", "E0042\u0007"), new Claim("groups", "CN=Staff,OU=Groups")]);
        Assert.Equal((null, refusal), (controlled, why));
    }
}
