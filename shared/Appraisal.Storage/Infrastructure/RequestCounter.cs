using Azure.Core;
using Azure.Core.Pipeline;

namespace Appraisal.Storage.Infrastructure;

/// <summary>Counts the requests sent to storage (each retry counts), so that costs per appraised person can be reported.</summary>
public sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
