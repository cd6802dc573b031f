using System.ComponentModel.DataAnnotations;

namespace Appraisal.Workflow.Health;

/// <summary>How the health endpoint looks at its parts (section <c>Health</c>).</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>How long each part may take to answer before it counts as unhealthy (default 5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an answer is reused (default 15 s): however often the endpoint is called — by a monitor, a
    /// load balancer, or anyone on the network, since it needs no sign-in — storage, the task hub and the SMTP server
    /// are asked at most once in this time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(15);
}
