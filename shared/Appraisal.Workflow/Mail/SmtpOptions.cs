using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace Appraisal.Workflow.Mail;

/// <summary>How mail leaves the outbox (section <c>Smtp</c>): the server, its TLS mode and credentials, the sender,
/// and how often the outbox is looked at. No host: mail stays in the outbox (nothing is lost; it goes once one is set).</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>The refusal of insecure settings, naming them (the host does not start with them).</summary>
    public const string InsecureRefused = Section + ":Security: None, Auto and StartTlsWhenAvailable let mail, approval links included, "
        + "cross the network unencrypted — StartTlsWhenAvailable whenever anyone on the way strips the server's STARTTLS offer; use StartTls or "
        + "SslOnConnect, or set " + Section + ":AllowInsecure to true to accept that (a relay on the same machine, a test server)";

    /// <summary>The SMTP server; empty leaves every message pending in the outbox.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>StartTls (the default: the server must offer TLS, or nothing is sent) or SslOnConnect (port 465); None,
    /// Auto and StartTlsWhenAvailable only with <see cref="AllowInsecure"/> (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = nameof(SecureSocketOptions.StartTls);

    /// <summary>Allows None, Auto and StartTlsWhenAvailable: mail may then be read and changed on the way.</summary>
    public bool AllowInsecure { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    [Required]
    [EmailAddress]
    public string From { get; set; } = "kaohe@localhost";

    /// <summary>The sender's display name.</summary>
    public string FromName { get; set; } = "绩效考核办公室";

    /// <summary>How often the self-host's sender looks for due messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a sender holds a message it is sending; a sender that dies lets it go after this.</summary>
    public TimeSpan ClaimTime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Messages sent per pass at most.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>Failed attempts after which a message is set aside: kept with its last error, tried again only when
    /// someone asks (<c>appraisal mail resend</c>). With the retry delays (30 s, doubling, up to an hour) the default
    /// 8 attempts span about an hour. A server that cannot be reached costs no attempt: nothing was tried.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    /// <summary><see cref="Security"/> as MailKit's mode (checked at start, so it parses).</summary>
    public SecureSocketOptions SocketMode() => Enum.Parse<SecureSocketOptions>(Security, ignoreCase: true);

    /// <summary>False for a mode that may send mail unencrypted without <see cref="AllowInsecure"/> accepting it (a
    /// mode that is not one at all is refused by its own check).</summary>
    public bool SecureOrAllowed() =>
        AllowInsecure || !Enum.TryParse<SecureSocketOptions>(Security, ignoreCase: true, out var mode) || mode is SecureSocketOptions.StartTls or SecureSocketOptions.SslOnConnect;
}
