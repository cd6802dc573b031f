namespace Appraisal.Storage;

/// <summary>Storage did not answer a call made for an HTTP request within <see cref="StorageOptions.RequestTimeout"/>
/// (its retries included). Whether a write it carried was stored is unknown: the caller retries it after
/// <see cref="RetryAfter"/>, and the ETag or idempotency key it carries makes the retry apply it at most once.</summary>
public sealed class StorageUnavailableException(TimeSpan bound, TimeSpan retryAfter, Exception? inner = null)
    : Exception($"storage: expected an answer within {bound.TotalSeconds:0.###} s, found none (storage is slow or unreachable)", inner)
{
    /// <summary>The time the call was allowed.</summary>
    public TimeSpan Bound { get; } = bound;

    /// <summary>When the caller should try again.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
