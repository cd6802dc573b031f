using System.Net;
using System.Net.Sockets;
using Appraisal.SelfHost.Identity;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appraisal.SelfHost.Tests.Identity;

/// <summary>The LDAP sign-in against a real OpenLDAP (Debian's slapd, started by the test): the person found by the
/// filter binds with their password over LDAPS or StartTLS, and comes back with the person id, department and groups of
/// their entry; everything else — a wrong, empty or injected name or password, an ambiguous name, a server that cannot
/// be trusted or that refuses plain binds — signs no one in.</summary>
public sealed class LdapDirectoryTests(SlapdFixture fixture) : IClassFixture<SlapdFixture>
{
    private readonly Slapd _server = fixture.Server;
    private readonly SampleDirectory _people = fixture.Directory;

    private static LdapDirectory Directory(LdapOptions options)
    {
        Assert.Empty(options.Problems());
        return new LdapDirectory(options, NullLogger<LdapDirectory>.Instance);
    }

    [Theory]
    [InlineData(LdapSecurity.Ldaps)]
    [InlineData(LdapSecurity.StartTls)]
    public async Task TheHead_SignsIn_WithTheirPersonIdDepartmentAndGroups(LdapSecurity security)
    {
        using var directory = Directory(_server.Options(security));

        var outcome = await directory.AuthenticateAsync(_people.Head.Uid, _people.Head.Password, default);

        var entry = Assert.IsType<LdapSignIn.SignedIn>(outcome).Entry;
        Assert.Equal($"uid=liming,ou=people,{Slapd.Suffix}", entry.Dn);
        Assert.Equal((_people.Head.PersonId, "D03", (string?)null), (entry.PersonId, entry.DepartmentId, entry.OfficeId));
        Assert.Equal([Slapd.GroupDn("heads"), Slapd.GroupDn("staff")], entry.Groups.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheOfficeAttribute_WhenConfigured_IsRead()
    {
        var options = _server.Options();
        options.OfficeAttribute = "departmentNumber";
        using var directory = Directory(options);

        var entry = Assert.IsType<LdapSignIn.SignedIn>(await directory.AuthenticateAsync(_people.Staff.Uid, _people.Staff.Password, default)).Entry;

        Assert.Equal(("D03", _people.Staff.PersonId), (entry.OfficeId, entry.PersonId));
        Assert.Equal([Slapd.GroupDn("staff")], entry.Groups);
    }

    [Theory]
    [InlineData(LdapSecurity.Ldaps)]
    [InlineData(LdapSecurity.StartTls)]
    public async Task AWrongPassword_OrAnUnknownUser_IsBadCredentials(LdapSecurity security)
    {
        using var directory = Directory(_server.Options(security));

        Assert.IsType<LdapSignIn.BadCredentials>(await directory.AuthenticateAsync(_people.Head.Uid, _people.Staff.Password, default));
        Assert.IsType<LdapSignIn.BadCredentials>(await directory.AuthenticateAsync(_people.Head.Uid, _people.Head.Password + "x", default));
        Assert.IsType<LdapSignIn.BadCredentials>(await directory.AuthenticateAsync("nobody", _people.Head.Password, default));
        Assert.IsType<LdapSignIn.SignedIn>(await directory.AuthenticateAsync(_people.Head.Uid, _people.Head.Password, default));
    }

    [Fact]
    public async Task AnEmptyPassword_OrAnUnboundedName_IsRefused_WithoutAskingTheDirectory()
    {
        // Nothing listens on this port: whatever is sent there fails as Unavailable, so BadCredentials shows nothing was.
        var options = _server.Options();
        options.Url = new Uri($"ldaps://127.0.0.1:{ClosedPort()}");
        using var closed = Directory(options);
        using var open = Directory(_server.Options());

        Assert.IsType<LdapSignIn.Unavailable>(await closed.AuthenticateAsync(_people.Head.Uid, _people.Head.Password, default));
        foreach (var (user, password) in new[]
        {
            (_people.Head.Uid, string.Empty),
            (string.Empty, _people.Head.Password),
            (new string('a', LdapDirectory.MaxUserLength + 1), _people.Head.Password),
            ("liming\n", _people.Head.Password),
            ("lim\0ing", _people.Head.Password),
            (" liming", _people.Head.Password),
            (_people.Head.Uid, new string('p', LdapDirectory.MaxPasswordLength + 1)),
        })
        {
            Assert.IsType<LdapSignIn.BadCredentials>(await closed.AuthenticateAsync(user, password, default));
            Assert.IsType<LdapSignIn.BadCredentials>(await open.AuthenticateAsync(user, password, default));
        }
    }

    [Theory]
    [InlineData("*")]
    [InlineData("*)(uid=*")]
    [InlineData("liming)(|(uid=*")]
    [InlineData("lim*")]
    [InlineData("*)(objectClass=*))(|(uid=*")]
    [InlineData("liming\\2a")]
    public async Task AnInjectedFilter_MatchesNobody(string user)
    {
        using var directory = Directory(_server.Options());

        Assert.IsType<LdapSignIn.BadCredentials>(await directory.AuthenticateAsync(user, _people.Head.Password, default));
    }

    [Fact]
    public void FilterValues_AreEscapedByRfc4515() =>
        Assert.Equal(@"\2a\29\28uid=\2a\5c\00é", LdapDirectory.EscapeFilterValue("*)(uid=*\\\0é"));

    [Fact]
    public async Task AUserNameOfTwoEntries_IsAmbiguous_AndSignsNoOneIn()
    {
        using var directory = Directory(_server.Options());

        Assert.Equal(2, Assert.IsType<LdapSignIn.Ambiguous>(await directory.AuthenticateAsync("twin", "Twin-pass-6", default)).Found);
    }

    [Fact]
    public async Task PlainLdap_IsRefusedAtStart_UnlessAllowed_AndThisServerRefusesItsBindsAnyway()
    {
        var options = _server.Options(LdapSecurity.None);
        options.AllowPlain = false;
        Assert.Contains(options.Problems(), p => p.StartsWith("SignIn:Ldap:Security:", StringComparison.Ordinal) && p.Contains("AllowPlain", StringComparison.Ordinal));

        options.AllowPlain = true;
        using var directory = Directory(options);
        var refused = Assert.IsType<LdapSignIn.Unavailable>(await directory.AuthenticateAsync(_people.Head.Uid, _people.Head.Password, default));
        Assert.Contains("onfidentiality", refused.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LdapSecurity.Ldaps, true)]
    [InlineData(LdapSecurity.StartTls, true)]
    [InlineData(LdapSecurity.Ldaps, false)]
    [InlineData(LdapSecurity.StartTls, false)]
    public async Task AServerSignedByAnotherAuthority_IsUnavailable(LdapSecurity security, bool otherCa)
    {
        var options = _server.Options(security);
        options.TrustedCaFile = otherCa ? _server.OtherCaFile : null;
        using var directory = Directory(options);

        Assert.IsType<LdapSignIn.Unavailable>(await directory.AuthenticateAsync(_people.Head.Uid, _people.Head.Password, default));
    }

    [Fact]
    public async Task AServiceAccountRefused_IsUnavailable_NotTheUsersFault()
    {
        var options = _server.Options();
        options.BindPassword = "not-the-service-password";
        using var directory = Directory(options);

        var outcome = Assert.IsType<LdapSignIn.Unavailable>(await directory.AuthenticateAsync(_people.Head.Uid, _people.Head.Password, default));
        Assert.DoesNotContain("not-the-service-password", outcome.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(_people.Head.Password, outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnonymousSearch_ThisServerHidesEntriesFrom_IsUnavailable()
    {
        // This server lets only authenticated users read entries: an anonymous search is refused at its base, a setting
        // to fix rather than a person's mistake.
        var options = _server.Options();
        (options.BindDn, options.BindPassword) = (null, null);
        using var directory = Directory(options);

        var refused = Assert.IsType<LdapSignIn.Unavailable>(await directory.AuthenticateAsync(_people.Head.Uid, _people.Head.Password, default));
        Assert.StartsWith("search:", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_AreCheckedWithMessagesNamingEachSetting()
    {
        var options = new LdapOptions
        {
            Url = new Uri("https://directory.example"),
            SearchBase = " ",
            UserFilter = "(uid=*)",
            BindDn = "cn=svc",
            PersonIdAttribute = "employee number",
            Timeout = TimeSpan.Zero,
            TrustedCaFile = "/nonexistent/ca.pem",
        };

        var problems = options.Problems();

        foreach (var setting in new[] { "Url", "SearchBase", "UserFilter", "BindPassword", "PersonIdAttribute", "Timeout", "TrustedCaFile" })
        {
            Assert.Contains(problems, p => p.StartsWith($"SignIn:Ldap:{setting}:", StringComparison.Ordinal));
        }

        Assert.Contains(new LdapOptions { Url = new Uri("ldap://dc1.example:389"), SearchBase = "dc=example" }.Problems(), p => p.StartsWith("SignIn:Ldap:Url:", StringComparison.Ordinal) && p.Contains("StartTls", StringComparison.Ordinal));
        Assert.Empty(new LdapOptions { Url = new Uri("ldap://dc1.example:389"), Security = LdapSecurity.StartTls, SearchBase = "dc=example" }.Problems());
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
