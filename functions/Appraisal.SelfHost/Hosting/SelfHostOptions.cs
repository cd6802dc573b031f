using System.ComponentModel.DataAnnotations;

namespace Appraisal.SelfHost.Hosting;

/// <summary>The self-host (configuration section <c>SelfHost</c>): where the HTTP endpoints listen, the Durable Task
/// hub it runs, and how soon a crashed host's work is picked up again.</summary>
public sealed class SelfHostOptions
{
    public const string Section = "SelfHost";

    /// <summary>The HTTP endpoints' address; loopback by default (the internal-network install puts a proxy in front).</summary>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:7071";

    /// <summary>The task hub's name: its queues, tables and blobs are named after it in the storage account.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "SelfHost:TaskHub: expected 3–45 letters and digits starting with a letter")]
    public string TaskHub { get; set; } = "AppraisalHub";

    /// <summary>How long a taken work item stays invisible to others without a renewal: how soon a crashed host's work
    /// comes back. The self-host renews the lock of every work item it runs each third of this, so an activity or an
    /// episode may run longer.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan WorkItemVisibility { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a partition lease lasts; a restarted host takes over a dead one's partitions after this long.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:05:00")]
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The reverse proxies (IP addresses) whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed:
    /// the client's address (for the sign-in lockout and the audit) and whether the original request was HTTPS (for the
    /// cookies' <c>Secure</c>). None by default: the headers are ignored from everyone.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>As <see cref="KnownProxies"/>, whole networks in CIDR notation (<c>10.1.0.0/24</c>).</summary>
    public IList<string> KnownNetworks { get; } = [];

    [Range(1, 16)]
    public int Partitions { get; set; } = 4;

    [Range(1, 1000)]
    public int MaxConcurrentActivities { get; set; } = 32;

    [Range(1, 1000)]
    public int MaxConcurrentOrchestrations { get; set; } = 32;
}
