using Appraisal.Storage.Secrets;
using Appraisal.Workflow.Identity;

namespace Appraisal.Workflow.Approvals;

/// <summary>The link-signing keys: the configured key (and previous ones), or — when none is configured, as on a
/// developer's machine — one the host generates once and keeps (<see cref="HostKeys"/>).</summary>
public sealed class ApprovalKeys(ApprovalOptions options, SecretStore secrets)
{
    public const string BlobName = "approval-signing.key";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (byte[] Current, IReadOnlyList<byte[]> Previous)? _keys;

    public async Task<(byte[] Current, IReadOnlyList<byte[]> Previous)> GetAsync(CancellationToken cancel)
    {
        if (_keys is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var current = string.IsNullOrWhiteSpace(options.SigningKey)
                ? await HostKeys.GetOrCreateAsync(secrets, BlobName, cancel).ConfigureAwait(false)
                : HostKeys.Decode(options.SigningKey, "Approvals:SigningKey");
            _keys ??= (current, options.PreviousSigningKeys.Select(k => HostKeys.Decode(k, "Approvals:PreviousSigningKeys")).ToList());
            return _keys.Value;
        }
        finally
        {
            _gate.Release();
        }
    }
}
