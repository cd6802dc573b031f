using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Appraisal.SelfHost.Identity;

/// <summary>Checks a user name and password against the office's directory (<see cref="LdapOptions"/>): the service
/// account (or an anonymous search) finds the one entry the filter matches, then a second connection binds as that
/// entry with the password. Every connection is LDAPS or StartTLS unless plain LDAP was explicitly allowed. A user name
/// that no directory could hold, and an empty password — which LDAP would take as an unauthenticated bind, and let
/// through — are refused before anything is sent.</summary>
public sealed partial class LdapDirectory : IDisposable
{
    /// <summary>The longest user name tried against the directory.</summary>
    public const int MaxUserLength = 256;

    /// <summary>The longest password tried against the directory.</summary>
    public const int MaxPasswordLength = 1024;

    private readonly LdapOptions _options;
    private readonly ILogger<LdapDirectory> _logger;
    private readonly Lazy<string?> _trustedCaDirectory;

    public LdapDirectory(LdapOptions options, ILogger<LdapDirectory> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger;
        _trustedCaDirectory = new Lazy<string?>(TrustedCaDirectory);
    }

    public async Task<LdapSignIn> AuthenticateAsync(string user, string password, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        if (user.Length is 0 or > MaxUserLength || user.Any(char.IsControl) || user.Trim().Length != user.Length)
        {
            return Bad(user, "the user name is empty, too long, padded or holds control characters");
        }

        if (password.Length == 0)
        {
            return Bad(user, "the password is empty");
        }

        if (password.Length > MaxPasswordLength)
        {
            return Bad(user, "the password is too long");
        }

        // The directory's calls block: a thread of the pool waits for them, and the sign-in stops waiting at the timeout
        // even if the library does not.
        try
        {
            return await Task.Run(() => Authenticate(user, password), cancel).WaitAsync(_options.Timeout + TimeSpan.FromSeconds(1), cancel).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return Unavailable(user, "connect", $"no answer within {_options.Timeout}");
        }
    }

    private LdapSignIn Authenticate(string user, string password)
    {
        LdapEntry entry;
        var stage = "connect";
        try
        {
            using (var search = Connect())
            {
                stage = "bind the service account";
                if (string.IsNullOrEmpty(_options.BindDn))
                {
                    BindAnonymously(search);
                }
                else
                {
                    Bind(search, new NetworkCredential(_options.BindDn, _options.BindPassword));
                }

                stage = "search";
                var (found, only) = Search(search, user);
                if (found == 0)
                {
                    return Bad(user, "no entry matches the filter");
                }

                if (only is null)
                {
                    LogAmbiguous(_logger, Loggable(user), found);
                    return new LdapSignIn.Ambiguous(found);
                }

                entry = only;
            }

            stage = "bind as the person";
            using var own = Connect();
            try
            {
                Bind(own, new NetworkCredential(entry.Dn, password));
            }
            catch (LdapException e) when (e.ErrorCode == InvalidCredentials)
            {
                return Bad(user, "wrong password");
            }
        }
        catch (LdapException e)
        {
            return Unavailable(user, stage, $"{e.Message} (LDAP error {e.ErrorCode.ToString(CultureInfo.InvariantCulture)}{Detail(e.ServerErrorMessage)})");
        }
        catch (DirectoryOperationException e)
        {
            return Unavailable(user, stage, $"{e.Message} ({e.Response?.ResultCode}{Detail(e.Response?.ErrorMessage)})");
        }
        catch (DirectoryException e)
        {
            return Unavailable(user, stage, e.Message);
        }
        catch (Exception e) when (e is DllNotFoundException || e.InnerException is DllNotFoundException)
        {
            // On Linux the LDAP calls go through OpenLDAP's client library, which the machine must have.
            return Unavailable(user, stage, "OpenLDAP's client library (libldap) is not installed on this machine: " + (e.InnerException ?? e).Message);
        }

        LogSignedIn(_logger, Loggable(user), entry.Dn);
        return new LdapSignIn.SignedIn(entry);
    }

    /// <summary>LDAP's invalidCredentials result (RFC 4511): wrong password, or AD's locked/expired account.</summary>
    private const int InvalidCredentials = 49;

    private static string Detail(string? message) => string.IsNullOrWhiteSpace(message) ? string.Empty : ": " + message.Trim();

    private LdapConnection Connect()
    {
        var url = _options.Url!;
        var port = url.IsDefaultPort || url.Port <= 0 ? (url.Scheme == "ldaps" ? 636 : 389) : url.Port;
        var connection = new LdapConnection(new LdapDirectoryIdentifier(url.IdnHost, port, fullyQualifiedDnsHostName: true, connectionless: false))
        {
            AuthType = AuthType.Basic,
            Timeout = _options.Timeout,
            AutoBind = false,
        };
        try
        {
            var session = connection.SessionOptions;
            session.ProtocolVersion = 3;
            session.ReferralChasing = ReferralChasingOptions.None;
            if (_options.Security != LdapSecurity.None)
            {
                if (_options.Security == LdapSecurity.Ldaps)
                {
                    session.SecureSocketLayer = true;
                }

                // On Windows the machine's trusted roots decide (LdapOptions refuses a TrustedCaFile there).
                if (!OperatingSystem.IsWindows())
                {
                    if (_trustedCaDirectory.Value is { } directory)
                    {
                        session.TrustedCertificatesDirectory = directory;
                    }

                    // Applies the settings above to this connection's own TLS context (otherwise the process's defaults).
                    session.StartNewTlsSessionContext();
                }
            }

            if (_options.Security == LdapSecurity.StartTls)
            {
                // On Linux the connection only exists after a first bind (dotnet/runtime#96988): an anonymous one opens
                // it, then TLS starts before any credentials are sent.
                BindAnonymously(connection);
                session.StartTransportLayerSecurity(null);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void BindAnonymously(LdapConnection connection)
    {
        connection.AuthType = AuthType.Anonymous;
        connection.Bind();
        connection.AuthType = AuthType.Basic;
    }

    private static void Bind(LdapConnection connection, NetworkCredential credential)
    {
        // An empty password would be an unauthenticated bind, which succeeds: never send one.
        if (string.IsNullOrEmpty(credential.Password))
        {
            throw new LdapException(InvalidCredentials, "an empty password is never bound");
        }

        connection.AuthType = AuthType.Basic;
        connection.Bind(credential);
    }

    /// <summary>How many entries the filter matches (at least 2 when more than one), and the entry when it is one.</summary>
    private (int Found, LdapEntry? Only) Search(LdapConnection connection, string user)
    {
        var filter = string.Format(CultureInfo.InvariantCulture, _options.UserFilter, EscapeFilterValue(user));
        var attributes = new List<string> { _options.PersonIdAttribute, _options.DepartmentAttribute, _options.GroupAttribute };
        if (!string.IsNullOrEmpty(_options.OfficeAttribute))
        {
            attributes.Add(_options.OfficeAttribute);
        }

        // Two are enough to know the filter is ambiguous.
        var request = new SearchRequest(_options.SearchBase, filter, SearchScope.Subtree, [.. attributes]) { SizeLimit = 2, TimeLimit = _options.Timeout };
        SearchResponse response;
        try
        {
            response = (SearchResponse)connection.SendRequest(request, _options.Timeout);
        }
        catch (DirectoryOperationException e) when (e.Response is SearchResponse { ResultCode: ResultCode.SizeLimitExceeded } partial)
        {
            return (Math.Max(2, partial.Entries.Count), null);
        }

        return response.Entries.Count == 1 ? (1, Read(response.Entries[0])) : (response.Entries.Count, null);
    }

    private LdapEntry Read(SearchResultEntry entry) => new(
        entry.DistinguishedName,
        First(entry, _options.PersonIdAttribute),
        string.IsNullOrEmpty(_options.OfficeAttribute) ? null : First(entry, _options.OfficeAttribute),
        First(entry, _options.DepartmentAttribute),
        Values(entry, _options.GroupAttribute));

    private static string? First(SearchResultEntry entry, string attribute) => Values(entry, attribute).FirstOrDefault(v => v.Trim().Length > 0)?.Trim();

    private static List<string> Values(SearchResultEntry entry, string attribute) =>
        entry.Attributes[attribute] is { } values ? [.. values.GetValues(typeof(string)).Cast<string>()] : [];

    /// <summary>A value put into a search filter as itself (RFC 4515 §3): <c>* ( ) \ NUL</c> escaped as <c>\hh</c>, so a
    /// user name cannot widen or change the filter.</summary>
    public static string EscapeFilterValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            _ = c switch
            {
                '*' => escaped.Append(@"\2a"),
                '(' => escaped.Append(@"\28"),
                ')' => escaped.Append(@"\29"),
                '\\' => escaped.Append(@"\5c"),
                '\0' => escaped.Append(@"\00"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }

    /// <summary>libldap trusts the certificates in a directory: a private one holding <see cref="LdapOptions.TrustedCaFile"/>.</summary>
    private string? TrustedCaDirectory()
    {
        if (string.IsNullOrEmpty(_options.TrustedCaFile))
        {
            return null;
        }

        var directory = Directory.CreateTempSubdirectory("appraisal-ldap-ca-").FullName;
        File.Copy(_options.TrustedCaFile, Path.Combine(directory, "ca.pem"));
        return directory;
    }

    private LdapSignIn.BadCredentials Bad(string user, string reason)
    {
        LogRefused(_logger, Loggable(user), reason);
        return new LdapSignIn.BadCredentials(reason);
    }

    private LdapSignIn.Unavailable Unavailable(string user, string stage, string cause)
    {
        LogUnavailable(_logger, _options.Url, stage, Loggable(user), cause);
        return new LdapSignIn.Unavailable($"{stage}: {cause}");
    }

    /// <summary>The user name as it may go to a log: bounded, control characters shown as '?'.</summary>
    private static string Loggable(string user) => new([.. user.Take(MaxUserLength).Select(c => char.IsControl(c) ? '?' : c)]);

    public void Dispose()
    {
        if (_trustedCaDirectory.IsValueCreated && _trustedCaDirectory.Value is { } directory)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LDAP sign-in of {User}: signed in as {Dn}")]
    private static partial void LogSignedIn(ILogger logger, string user, string dn);

    [LoggerMessage(Level = LogLevel.Information, Message = "LDAP sign-in of {User} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string user, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LDAP sign-in of {User} refused: the filter matched {Found} entries")]
    private static partial void LogAmbiguous(ILogger logger, string user, int found);

    [LoggerMessage(Level = LogLevel.Error, Message = "LDAP directory {Url} unavailable ({Stage}) for the sign-in of {User}: {Cause}")]
    private static partial void LogUnavailable(ILogger logger, Uri? url, string stage, string user, string cause);
}
