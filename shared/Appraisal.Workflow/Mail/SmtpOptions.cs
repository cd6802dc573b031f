using System.ComponentModel.DataAnnotations;

namespace Appraisal.Workflow.Mail;

/// <summary>How mail leaves the outbox (section <c>Smtp</c>): the server, its TLS mode and credentials, the sender,
/// and how often the outbox is looked at. No host: mail stays in the outbox (nothing is lost; it goes once one is set).</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>The SMTP server; empty leaves every message pending in the outbox.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>None, Auto, StartTls, StartTlsWhenAvailable or SslOnConnect (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";

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

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
