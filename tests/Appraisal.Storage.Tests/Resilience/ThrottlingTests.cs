using Appraisal.Domain.Cycles;
using Appraisal.Storage.Cycles;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Appraisal.Storage.Tests.Resilience;

/// <summary>Throttling (503 Server Busy, 500) and transient faults are retried with backoff; the write lands once.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ThrottlingTests
{
    [Fact]
    public async Task ServerBusyTwice_ThenTheWriteSucceeds_AfterThreeAttempts()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        var setup = new StorageAccount(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, Prefix = prefix });
        await setup.EnsureCreatedAsync();
        var busy = new FailFirst(2, 503);
        var account = new StorageAccount(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, Prefix = prefix }, busy);

        var stored = await new CycleRepository(account).CreateAsync(new CycleRecord("office-1", "2026-Q1", "template-b", 1, CycleStage.SelfEvaluation, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch));

        Assert.Equal(2, busy.Failed);
        Assert.Equal(3, account.Requests.Count);
        Assert.Equal(CycleStage.SelfEvaluation, (await new CycleRepository(setup).GetAsync("office-1", "2026-Q1"))!.Value.Stage);
        Assert.NotEqual(default, stored.ETag);
    }

    [Fact]
    public async Task FaultsBeyondTheRetryBudget_Surface_AndNothingIsWritten()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        var setup = new StorageAccount(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, Prefix = prefix });
        await setup.EnsureCreatedAsync();
        var before = await StorageSnapshot.TakeAsync(setup);
        var failing = new FailFirst(100, 500);
        var account = new StorageAccount(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, Prefix = prefix, MaxRetries = 2 }, failing);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            new CycleRepository(account).CreateAsync(new CycleRecord("office-1", "2026-Q1", "template-b", 1, CycleStage.SelfEvaluation, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)));

        Assert.Equal(500, error.Status);
        Assert.Equal(3, failing.Failed);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(setup));
    }

    /// <summary>Answers the first <c>count</c> attempts itself with <c>status</c>, as a busy service would, without sending them.</summary>
    private sealed class FailFirst(int count, int status) : HttpPipelinePolicy
    {
        private int _failed;

        public int Failed => _failed;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (Interlocked.Increment(ref _failed) <= count)
            {
                message.Response = new CannedResponse(status);
                return ValueTask.CompletedTask;
            }

            Interlocked.Decrement(ref _failed);
            return ProcessNextAsync(message, pipeline);
        }
    }

    private sealed class CannedResponse(int status) : Response
    {
        public override int Status => status;

        public override string ReasonPhrase => status == 503 ? "Server Busy" : "Internal Server Error";

        // The retry policy looks at IsError, which the transport sets on real responses.
        public override bool IsError => status >= 400;

        public override Stream? ContentStream { get; set; } = new MemoryStream();

        public override string ClientRequestId { get; set; } = Guid.NewGuid().ToString();

        public override void Dispose() => ContentStream?.Dispose();

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, out string value)
        {
            value = string.Empty;
            return false;
        }

        protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
        {
            values = [];
            return false;
        }
    }
}
