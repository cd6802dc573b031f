namespace Appraisal.Workflow.Approvals;

/// <summary>Approval links (section <c>Approvals</c>): the signing key (base64, at least 32 bytes; on Azure a Key Vault
/// reference), keys still accepted after a rotation, how long a link lives, and the address links point at.</summary>
public sealed class ApprovalOptions
{
    public const string Section = "Approvals";

    /// <summary>The HMAC-SHA256 key, base64. Empty: the host generates one once and keeps it in the <c>keys</c> container.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Keys signed with before the last rotation, still accepted until their links expire.</summary>
    public IList<string> PreviousSigningKeys { get; } = [];

    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>Where people open the links: the self-host's or the Function App's public address.</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://127.0.0.1:7071");
}
