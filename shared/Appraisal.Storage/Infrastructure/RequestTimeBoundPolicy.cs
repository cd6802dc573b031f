using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Appraisal.Storage.Infrastructure;

/// <summary>Bounds an SDK call made for a request (<see cref="StorageRequestScope"/>) by
/// <see cref="StorageOptions.RequestTimeout"/>, its retries included. Two instances work together: the one run once
/// per call sets the deadline and turns a failure past it into <see cref="StorageUnavailableException"/>; the one run
/// on every attempt gives the attempt only the time left (its network timeout) and sends no attempt once the deadline
/// has passed. Calls outside a request pass through unchanged.</summary>
internal sealed class RequestTimeBoundPolicy : HttpPipelinePolicy
{
    private const string DeadlineProperty = "Appraisal.Storage.RequestDeadline";

    private readonly TimeSpan _bound;
    private readonly TimeSpan _networkTimeout;
    private readonly bool _perAttempt;

    private RequestTimeBoundPolicy(TimeSpan bound, TimeSpan networkTimeout, bool perAttempt)
    {
        _bound = bound;
        _networkTimeout = networkTimeout;
        _perAttempt = perAttempt;
    }

    /// <summary>The policy run once per call (before the retries) and the one run on every attempt.</summary>
    public static (HttpPipelinePolicy PerCall, HttpPipelinePolicy PerAttempt) Create(TimeSpan bound, TimeSpan networkTimeout) =>
        (new RequestTimeBoundPolicy(bound, networkTimeout, perAttempt: false), new RequestTimeBoundPolicy(bound, networkTimeout, perAttempt: true));

    /// <summary>When the caller may try again: the bound, in whole seconds.</summary>
    public static TimeSpan RetryAfter(TimeSpan bound) => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(bound.TotalSeconds)));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_perAttempt)
        {
            Limit(message);
            ProcessNext(message, pipeline);
            return;
        }

        if (!Begin(message, out var deadline))
        {
            ProcessNext(message, pipeline);
            return;
        }

        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception ex) when (ex is not StorageUnavailableException && Expired(message, deadline))
        {
            throw Unavailable(ex);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_perAttempt)
        {
            Limit(message);
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            return;
        }

        if (!Begin(message, out var deadline))
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            return;
        }

        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not StorageUnavailableException && Expired(message, deadline))
        {
            throw Unavailable(ex);
        }
    }

    private bool Begin(HttpMessage message, out long deadline)
    {
        deadline = 0;
        if (!StorageRequestScope.IsActive)
        {
            return false;
        }

        deadline = Stopwatch.GetTimestamp() + (long)(_bound.TotalSeconds * Stopwatch.Frequency);
        message.SetProperty(DeadlineProperty, deadline);
        return true;
    }

    /// <summary>Gives the attempt the time left; none left: no attempt (not retried: the exception is no transport fault).</summary>
    private void Limit(HttpMessage message)
    {
        if (!message.TryGetProperty(DeadlineProperty, out var value) || value is not long deadline)
        {
            return;
        }

        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
        if (left <= TimeSpan.Zero)
        {
            throw Unavailable(null);
        }

        message.NetworkTimeout = left < _networkTimeout ? left : _networkTimeout;
    }

    // The caller's own cancellation (the client went away) stays a cancellation.
    private static bool Expired(HttpMessage message, long deadline) =>
        !message.CancellationToken.IsCancellationRequested && Stopwatch.GetTimestamp() >= deadline;

    private StorageUnavailableException Unavailable(Exception? inner) => new(_bound, RetryAfter(_bound), inner);
}
