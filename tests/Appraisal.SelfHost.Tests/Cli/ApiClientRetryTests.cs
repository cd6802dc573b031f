using System.Net;
using Appraisal.Domain.Text;
using Appraisal.SelfHost.Cli;

namespace Appraisal.SelfHost.Tests.Cli;

/// <summary>The command line's client (what <c>appraisal cycle simulate</c> acts through) meets a 503 that says when
/// to try again — storage did not answer in time — as a person would: it waits the Retry-After, bounded, and sends the
/// same request again with the same Idempotency-Key, a few times; every other error, and a 503 that does not say when,
/// stays final. The self-host is replaced by a handler answering from a script, and the wait by a record of it.</summary>
public sealed class ApiClientRetryTests
{
    [Fact]
    public async Task A503WithRetryAfter_IsSentAgainAfterTheWait_WithTheSameIdempotencyKeyAndBody()
    {
        var self = new Scripted(Unavailable(TimeSpan.FromSeconds(2)), Unavailable(TimeSpan.FromSeconds(1)), new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("{\"id\":\"s1\"}") });
        var waits = new List<TimeSpan>();
        using var client = new ApiClient(new Uri("http://self-host.test/"), Language.En, handler: self, delay: Record(waits));

        var (ok, body, _) = await client.SendAsync(HttpMethod.Post, "cycles/o1/2026-Q1/departments/d1/submission", new { ledgerCsv = "x" }, default, idempotencyKey: "simulate-o1-d1");

        Assert.True(ok);
        Assert.Equal("s1", body.GetProperty("id").GetString());
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)], waits);
        Assert.Equal(3, self.Sent.Count);
        Assert.All(self.Sent, s => Assert.Equal("simulate-o1-d1", s.Key));
        Assert.All(self.Sent, s => Assert.Equal(self.Sent[0].Body, s.Body));
        Assert.Contains("ledgerCsv", self.Sent[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALongRetryAfter_IsWaitedOnlyUpToTheBound()
    {
        var self = new Scripted(Unavailable(TimeSpan.FromHours(1)), new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") });
        var waits = new List<TimeSpan>();
        using var client = new ApiClient(new Uri("http://self-host.test/"), Language.En, handler: self, delay: Record(waits));

        var (ok, _, _) = await client.SendAsync(HttpMethod.Get, "cycles/o1/2026-Q1", null, default);

        Assert.True(ok);
        Assert.Equal([ApiClient.MaxRetryAfter], waits);
    }

    [Fact]
    public async Task A503ThatKeepsComing_IsFinalAfterTheRetries_WithItsProblem()
    {
        var self = new Scripted([.. Enumerable.Range(0, ApiClient.Retries + 2).Select(_ => Unavailable(TimeSpan.FromSeconds(1)))]);
        var waits = new List<TimeSpan>();
        using var client = new ApiClient(new Uri("http://self-host.test/"), Language.En, handler: self, delay: Record(waits));

        var (ok, _, message) = await client.SendAsync(HttpMethod.Post, "cycles/o1/2026-Q1/votes", new { approve = true }, default, idempotencyKey: "k");

        Assert.False(ok);
        Assert.StartsWith("503 Not available yet; retry: expected storage to answer", message, StringComparison.Ordinal);
        Assert.Equal(ApiClient.Retries + 1, self.Sent.Count);
        Assert.Equal(ApiClient.Retries, waits.Count);
    }

    [Fact]
    public async Task WithPatience_A503IsSentAgainPastTheRetries_UntilTheWaitsWouldExceedIt()
    {
        var self = new Scripted([.. Enumerable.Range(0, 9).Select(_ => Unavailable(TimeSpan.FromSeconds(2))), new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") }]);
        var waits = new List<TimeSpan>();
        using var patient = new ApiClient(new Uri("http://self-host.test/"), Language.En, handler: self, delay: Record(waits), patience: TimeSpan.FromSeconds(9));

        var (ok, _, message) = await patient.SendAsync(HttpMethod.Post, "cycles/o1/2026-Q1/ratings/s1", new { answers = Array.Empty<object>() }, default);

        // Four waits of 2 s fit in 9 s, a fifth would not: five sends, the last 503 final.
        Assert.False(ok);
        Assert.StartsWith("503 ", message, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Repeat(TimeSpan.FromSeconds(2), 4), waits);
        Assert.Equal(5, self.Sent.Count);

        var later = new Scripted([.. Enumerable.Range(0, ApiClient.Retries + 2).Select(_ => Unavailable(TimeSpan.FromSeconds(1))), new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") }]);
        using var again = new ApiClient(new Uri("http://self-host.test/"), Language.En, handler: later, delay: Record([]), patience: TimeSpan.FromMinutes(10));
        Assert.True((await again.SendAsync(HttpMethod.Get, "cycles/o1/2026-Q1", null, default)).Ok);
        Assert.Equal(ApiClient.Retries + 3, later.Sent.Count);
    }

    [Fact]
    public async Task WithPatience_ARetryAfterOfZero_CountsAsTheLeastSpend_SoTheRetriesEnd()
    {
        var self = new Scripted([.. Enumerable.Range(0, 20).Select(_ => Unavailable(TimeSpan.Zero))]);
        using var patient = new ApiClient(new Uri("http://self-host.test/"), Language.En, handler: self, delay: Record([]), patience: ApiClient.MinRetrySpend * 5);

        var (ok, _, _) = await patient.SendAsync(HttpMethod.Get, "cycles/o1/2026-Q1", null, default);

        Assert.False(ok);
        // Five retries of 1 s would fill the 5 s only if sending took no time at all: five sendings, or six.
        Assert.InRange(self.Sent.Count, 5, 6);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)] // no Retry-After: the caller decides (a department window still opening)
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task EveryOtherError_IsFinalAtOnce(HttpStatusCode status)
    {
        var answer = new HttpResponseMessage(status) { Content = new StringContent("{\"title\":\"t\",\"detail\":\"d\"}") };
        if (status != HttpStatusCode.ServiceUnavailable)
        {
            answer.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
        }

        var self = new Scripted(answer, new HttpResponseMessage(HttpStatusCode.OK));
        var waits = new List<TimeSpan>();
        using var client = new ApiClient(new Uri("http://self-host.test/"), Language.En, handler: self, delay: Record(waits));

        var (ok, _, message) = await client.SendAsync(HttpMethod.Post, "cycles/o1/2026-Q1/votes", new { approve = true }, default, idempotencyKey: "k");

        Assert.False(ok);
        Assert.Equal($"{(int)status} t: d", message);
        Assert.Single(self.Sent);
        Assert.Empty(waits);
    }

    private static HttpResponseMessage Unavailable(TimeSpan after)
    {
        var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
        {
            Content = new StringContent("{\"title\":\"Not available yet; retry\",\"detail\":\"expected storage to answer within 10 s, found no answer\",\"field\":\"storage\"}"),
        };
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(after);
        return response;
    }

    private static Func<TimeSpan, CancellationToken, Task> Record(List<TimeSpan> waits) => (wait, _) =>
    {
        waits.Add(wait);
        return Task.CompletedTask;
    };

    /// <summary>Answers each request with the next of its answers, recording what was sent.</summary>
    private sealed class Scripted(params HttpResponseMessage[] answers) : HttpMessageHandler
    {
        private int _next;

        public List<(string? Key, string Body)> Sent { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent.Add((request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null,
                request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken)));
            return answers[_next++];
        }
    }
}
