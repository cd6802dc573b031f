using Appraisal.Storage.Secrets;

namespace Appraisal.Workflow.Identity;

/// <summary>Signing keys a host keeps for itself when none is configured (a developer's machine, a first install): a
/// random 32-byte key generated once into the keys container (<see cref="SecretStore"/>), so it survives restarts and
/// every host over the same storage agrees. Configured keys are base64 of at least 32 bytes.</summary>
public static class HostKeys
{
    /// <summary>The length of a key a host generates, in bytes.</summary>
    public const int Length = 32;

    public static Task<byte[]> GetOrCreateAsync(SecretStore secrets, string name, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return secrets.GetOrCreateAsync(name, Length, cancel);
    }

    public static byte[] Decode(string key, string setting)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(key);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{setting}: expected a base64 key, found text that is not base64");
        }

        return bytes.Length >= Length ? bytes : throw new InvalidOperationException($"{setting}: expected at least {Length} bytes, found {bytes.Length}");
    }
}
