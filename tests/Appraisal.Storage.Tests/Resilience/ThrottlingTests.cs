using Appraisal.Domain.Cycles;
using Appraisal.Storage.Cycles;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Appraisal.Storage.Tests.Resilience;

/// <summary>Throttling (503 Server Busy, 500) and transient faults are retried with backoff; the write lands once. A
/// call made for a request gives up at Storage:RequestTimeout, retries included.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ThrottlingTests
{
    [Fact]
    public async Task ServerBusyTwice_ThenTheWriteSucceeds_AfterThreeAttempts()
    {
        var setup = await FreshAsync();
        var busy = new FailFirst(2, 503);
        var account = new StorageAccount(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, Prefix = setup.Options.Prefix }, busy);

        var stored = await CreateCycleAsync(account);

        Assert.Equal(2, busy.Failed);
        Assert.Equal(3, account.Requests.Count);
        Assert.Equal(CycleStage.SelfEvaluation, (await new CycleRepository(setup).GetAsync("office-1", "2026-Q1"))!.Value.Stage);
        Assert.NotEqual(default, stored.ETag);
    }

    [Fact]
    public async Task FaultsBeyondTheRetryBudget_Surface_AndNothingIsWritten()
    {
        var setup = await FreshAsync();
        var before = await StorageSnapshot.TakeAsync(setup);
        var failing = new FailFirst(100, 500);
        var account = new StorageAccount(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, Prefix = setup.Options.Prefix, MaxRetries = 2 }, failing);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => CreateCycleAsync(account));

        Assert.Equal(500, error.Status);
        Assert.Equal(3, failing.Failed);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(setup));
    }

    [Fact]
    public async Task ForARequest_ThrottlingPastTheRequestTimeout_GivesUp_BeforeTheRetryBudget_AndNothingIsWritten()
    {
        var setup = await FreshAsync();
        var before = await StorageSnapshot.TakeAsync(setup);
        var busy = new FailFirst(1000, 503);
        // 20 retries would back off for minutes; the request's bound is one second.
        var account = new StorageAccount(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, Prefix = setup.Options.Prefix, MaxRetries = 20, RequestTimeout = TimeSpan.FromSeconds(1) }, busy);

        StorageUnavailableException error;
        using (StorageRequestScope.Begin())
        {
            error = await Assert.ThrowsAsync<StorageUnavailableException>(() => CreateCycleAsync(account));
        }

        Assert.Equal(TimeSpan.FromSeconds(1), error.Bound);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.InRange(busy.Failed, 1, 20);
        Assert.False(StorageRequestScope.IsActive);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(setup));
    }

    [Fact]
    public async Task OutsideARequest_TheSameThrottling_UsesTheWholeRetryBudget()
    {
        var setup = await FreshAsync();
        var busy = new FailFirst(1000, 503);
        // Three retries back off 0.2 + 0.4 + 0.8 s (±20 %), past the request bound of one second: not bounded here.
        var account = new StorageAccount(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, Prefix = setup.Options.Prefix, MaxRetries = 3, RequestTimeout = TimeSpan.FromSeconds(1) }, busy);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => CreateCycleAsync(account));

        Assert.Equal(503, error.Status);
        Assert.Equal(4, busy.Failed);
    }

    [Fact]
    public async Task ForARequest_ThrottlingThatEndsWithinTheBound_IsRetriedAsBefore()
    {
        var setup = await FreshAsync();
        var busy = new FailFirst(2, 503);
        var account = new StorageAccount(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, Prefix = setup.Options.Prefix, RequestTimeout = TimeSpan.FromSeconds(30) }, busy);

        using (StorageRequestScope.Begin())
        {
            await CreateCycleAsync(account);
        }

        Assert.Equal(2, busy.Failed);
        Assert.Equal(CycleStage.SelfEvaluation, (await new CycleRepository(setup).GetAsync("office-1", "2026-Q1"))!.Value.Stage);
    }

    [Theory]
    [InlineData("00:00:00.5")]
    [InlineData("00:05:01")]
    public void ARequestTimeoutOutOfRange_IsRefused_NamingTheSetting(string value)
    {
        var options = new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, RequestTimeout = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) };

        var error = Assert.Throws<InvalidOperationException>(() => new StorageAccount(options));

        Assert.StartsWith("Storage:RequestTimeout: expected a time from 00:00:01 to 00:05:00", error.Message, StringComparison.Ordinal);
    }

    /// <summary>An account with fresh table and container names, created.</summary>
    private static async Task<StorageAccount> FreshAsync()
    {
        var setup = new StorageAccount(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, Prefix = "t" + Guid.NewGuid().ToString("N")[..12] });
        await setup.EnsureCreatedAsync();
        return setup;
    }

    /// <summary>The write every test makes: a new cycle record.</summary>
    private static Task<Appraisal.Storage.Infrastructure.Stored<CycleRecord>> CreateCycleAsync(StorageAccount account) =>
        new CycleRepository(account).CreateAsync(new CycleRecord("office-1", "2026-Q1", "template-b", 1, CycleStage.SelfEvaluation, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch));

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
