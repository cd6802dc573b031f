using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Appraisal.SelfHost.Identity;

namespace Appraisal.SelfHost.Tests.Identity;

/// <summary>A person of the test directory: their user name and password, the person id (<c>employeeNumber</c>) and
/// department (<c>departmentNumber</c>) of the sample office, and the groups (by cn) they are a member of.</summary>
public sealed record DirectoryPerson(string Uid, string Password, string? PersonId, string? DepartmentId, params string[] Groups)
{
    /// <summary>The organisational unit of their entry (two units may hold the same uid: an ambiguous user name).</summary>
    public string Unit { get; init; } = "people";
}

/// <summary>A throwaway OpenLDAP server (Debian's slapd) on loopback, in a temp folder of its own: a private CA and a
/// server certificate for 127.0.0.1 and localhost, LDAPS and LDAP (StartTLS) ports, binds only over TLS
/// (<c>security ssf=128</c>), entries readable by authenticated users only, groups (groupOfNames) whose members get
/// <c>memberOf</c> from the memberof overlay, and a service account that searches. Killed and deleted on dispose.
/// scripts/test.sh installs slapd and ldap-utils.</summary>
public sealed class Slapd : IAsyncDisposable
{
    public const string Suffix = "dc=sample,dc=test";

    public const string ServiceDn = "cn=appraisal,ou=services," + Suffix;

    private const string RootDn = "cn=admin," + Suffix;

    private readonly TempFolder _folder;
    private readonly string _rootPassword = Secret();
    private bool _started;

    private Slapd(TempFolder folder)
    {
        _folder = folder;
        (LdapPort, LdapsPort) = (LoopbackPort.Free(), LoopbackPort.Free());
        ServicePassword = Secret();
    }

    public int LdapPort { get; }

    public int LdapsPort { get; }

    public string ServicePassword { get; }

    /// <summary>The PEM of the authority that signed the server's certificate.</summary>
    public string CaFile => Path.Combine(_folder.Path, "ca.pem");

    /// <summary>The PEM of an authority that signed nothing of this server's.</summary>
    public string OtherCaFile => Path.Combine(_folder.Path, "other-ca.pem");

    public static string GroupDn(string cn) => $"cn={cn},ou=groups,{Suffix}";

    /// <summary>Settings that sign in against this server (over LDAPS, or StartTLS on the plain port).</summary>
    public LdapOptions Options(LdapSecurity security = LdapSecurity.Ldaps) => new()
    {
        Url = security == LdapSecurity.Ldaps ? new Uri($"ldaps://127.0.0.1:{LdapsPort}") : new Uri($"ldap://127.0.0.1:{LdapPort}"),
        Security = security,
        AllowPlain = security == LdapSecurity.None,
        TrustedCaFile = CaFile,
        BindDn = ServiceDn,
        BindPassword = ServicePassword,
        SearchBase = Suffix,
        UserFilter = "(&(objectClass=inetOrgPerson)(uid={0}))",
        Timeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>The same as environment settings of the self-host (<c>SignIn__Ldap__…</c>), with the directory chosen.</summary>
    public Dictionary<string, string> HostSettings(LdapSecurity security = LdapSecurity.Ldaps)
    {
        var o = Options(security);
        return new Dictionary<string, string>
        {
            ["SignIn__Directory"] = "Ldap",
            ["SignIn__Ldap__Url"] = o.Url!.ToString(),
            ["SignIn__Ldap__Security"] = o.Security.ToString(),
            ["SignIn__Ldap__TrustedCaFile"] = o.TrustedCaFile!,
            ["SignIn__Ldap__BindDn"] = o.BindDn!,
            ["SignIn__Ldap__BindPassword"] = o.BindPassword!,
            ["SignIn__Ldap__SearchBase"] = o.SearchBase,
            ["SignIn__Ldap__UserFilter"] = o.UserFilter,
        };
    }

    /// <summary>Starts a server holding these people, with every group they name.</summary>
    public static async Task<Slapd> StartAsync(IReadOnlyCollection<DirectoryPerson> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        foreach (var program in new[] { "/usr/sbin/slapd", "/usr/sbin/slapadd", "/usr/bin/ldapadd" })
        {
            if (!File.Exists(program))
            {
                throw new InvalidOperationException($"{program} is missing: the LDAP tests need Debian's slapd and ldap-utils, which scripts/test.sh installs (apt-get install slapd ldap-utils)");
            }
        }

        var slapd = new Slapd(new TempFolder());
        try
        {
            await slapd.StartAsync(people, slapd._folder.Path);
            return slapd;
        }
        catch
        {
            await slapd.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(IReadOnlyCollection<DirectoryPerson> people, string folder)
    {
        WriteCertificates(folder);
        Directory.CreateDirectory(Path.Combine(folder, "db"));
        var conf = Path.Combine(folder, "slapd.conf");
        await File.WriteAllTextAsync(conf, $"""
            include /etc/ldap/schema/core.schema
            include /etc/ldap/schema/cosine.schema
            include /etc/ldap/schema/nis.schema
            include /etc/ldap/schema/inetorgperson.schema
            modulepath /usr/lib/ldap
            moduleload back_mdb
            moduleload memberof
            pidfile {folder}/slapd.pid
            argsfile {folder}/slapd.args
            TLSCACertificateFile {folder}/ca.pem
            TLSCertificateFile {folder}/server.pem
            TLSCertificateKeyFile {folder}/server.key
            security ssf=128
            database mdb
            maxsize 16777216
            directory {folder}/db
            suffix "{Suffix}"
            rootdn "{RootDn}"
            rootpw {Ssha(_rootPassword)}
            overlay memberof
            access to attrs=userPassword by self write by anonymous auth by * none
            access to * by users read by * none

            """);

        // People are loaded offline; groups are added to the running server, so that the overlay fills memberOf.
        var ldif = Path.Combine(folder, "people.ldif");
        await File.WriteAllTextAsync(ldif, PeopleLdif(people));
        await RunAsync("/usr/sbin/slapadd", NoEnvironment, "-f", conf, "-l", ldif);
        await RunAsync("/usr/sbin/slapd", NoEnvironment, "-f", conf, "-h", $"ldap://127.0.0.1:{LdapPort}/ ldaps://127.0.0.1:{LdapsPort}/");
        _started = true;

        var groups = Path.Combine(folder, "groups.ldif");
        await File.WriteAllTextAsync(groups, GroupsLdif(people));
        var tls = new Dictionary<string, string> { ["LDAPTLS_CACERT"] = CaFile, ["LDAPTLS_REQCERT"] = "demand" };
        for (var until = DateTime.UtcNow.AddSeconds(20); ; await Task.Delay(100))
        {
            try
            {
                await RunAsync("/usr/bin/ldapadd", tls, "-H", $"ldaps://127.0.0.1:{LdapsPort}/", "-x", "-D", RootDn, "-w", _rootPassword, "-f", groups);
                return;
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < until)
            {
                // Not listening yet.
            }
        }
    }

    private static string PeopleLdif(IReadOnlyCollection<DirectoryPerson> people)
    {
        var ldif = new StringBuilder();
        void Entry(string text) => ldif.Append(text.ReplaceLineEndings("\n")).Append("\n\n");
        Entry($"dn: {Suffix}\nobjectClass: dcObject\nobjectClass: organization\no: Sample\ndc: sample");
        foreach (var unit in people.Select(p => p.Unit).Append("groups").Append("services").Distinct())
        {
            Entry($"dn: ou={unit},{Suffix}\nobjectClass: organizationalUnit\nou: {unit}");
        }

        foreach (var p in people)
        {
            var entry = new StringBuilder($"dn: uid={p.Uid},ou={p.Unit},{Suffix}\nobjectClass: inetOrgPerson\nuid: {p.Uid}\ncn: {p.Uid}\nsn: {p.Uid}\nuserPassword: {Ssha(p.Password)}");
            if (p.PersonId is { } id)
            {
                entry.Append(CultureInfo.InvariantCulture, $"\nemployeeNumber: {id}");
            }

            if (p.DepartmentId is { } department)
            {
                entry.Append(CultureInfo.InvariantCulture, $"\ndepartmentNumber: {department}");
            }

            Entry(entry.ToString());
        }

        return ldif.ToString();
    }

    private string GroupsLdif(IReadOnlyCollection<DirectoryPerson> people)
    {
        var ldif = new StringBuilder();
        ldif.Append(CultureInfo.InvariantCulture, $"dn: {ServiceDn}\nobjectClass: person\ncn: appraisal\nsn: appraisal\nuserPassword: {Ssha(ServicePassword)}\n\n");
        foreach (var group in people.SelectMany(p => p.Groups).Distinct(StringComparer.Ordinal))
        {
            ldif.Append(CultureInfo.InvariantCulture, $"dn: {GroupDn(group)}\nobjectClass: groupOfNames\ncn: {group}\n");
            foreach (var p in people.Where(p => p.Groups.Contains(group)))
            {
                ldif.Append(CultureInfo.InvariantCulture, $"member: uid={p.Uid},ou={p.Unit},{Suffix}\n");
            }

            ldif.Append('\n');
        }

        return ldif.ToString();
    }

    /// <summary>A CA, a server certificate it signs (SAN localhost and 127.0.0.1, serverAuth), and a second CA that signs nothing.</summary>
    private static void WriteCertificates(string folder)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Appraisal test directory CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddHours(-1), now.AddDays(2));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var server = serverRequest.Create(ca, now.AddHours(-1), now.AddDays(2), RandomNumberGenerator.GetBytes(12));

        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var otherRequest = new CertificateRequest("CN=Appraisal test directory CA", otherKey, HashAlgorithmName.SHA256);
        otherRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        otherRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var other = otherRequest.CreateSelfSigned(now.AddHours(-1), now.AddDays(2));

        File.WriteAllText(Path.Combine(folder, "ca.pem"), ca.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(folder, "other-ca.pem"), other.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(folder, "server.pem"), server.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(folder, "server.key"), serverKey.ExportPkcs8PrivateKeyPem() + "\n");
    }

    /// <summary>A salted SHA-1 password hash as slapd stores it (<c>{SSHA}</c>), so no password is kept in clear.</summary>
    private static string Ssha(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(8);
        var hash = SHA1.HashData([.. Encoding.UTF8.GetBytes(password), .. salt]);
        return "{SSHA}" + Convert.ToBase64String([.. hash, .. salt]);
    }

    private static readonly Dictionary<string, string> NoEnvironment = [];

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    private static async Task RunAsync(string program, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(cancel.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }


    public async ValueTask DisposeAsync()
    {
        // slapd runs as a daemon: its pid is in its pidfile (removed as it stops).
        if (_started && File.Exists(Path.Combine(_folder.Path, "slapd.pid")))
        {
            try
            {
                using var process = Process.GetProcessById(int.Parse((await File.ReadAllTextAsync(Path.Combine(_folder.Path, "slapd.pid"))).Trim(), CultureInfo.InvariantCulture));
                process.Kill();
                await process.WaitForExitAsync();
            }
            catch (ArgumentException)
            {
                // Gone already.
            }
        }

        _folder.Dispose();
    }
}
