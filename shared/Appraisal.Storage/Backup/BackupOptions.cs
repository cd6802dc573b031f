namespace Appraisal.Storage.Backup;

/// <summary>Backups (section <c>Backup</c>; environment <c>Backup__Passphrase</c>): the passphrase the host keys are
/// encrypted with inside a backup. Without one a backup leaves the host keys out.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    public string? Passphrase { get; set; }

    /// <summary>The passphrase as the command line finds it in its environment.</summary>
    public static string? FromEnvironment() => Environment.GetEnvironmentVariable(Section + "__" + nameof(Passphrase)) is { Length: > 0 } p ? p : null;
}
