using System.Diagnostics;
using System.Net;
using Appraisal.Storage.Outbox;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Notifications;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The storage counterpart of <see cref="CrashRecoveryTests"/>: a self-host over a fault proxy in front of an
/// Azurite of the test's own (data on disk) runs a quarter while, at each stage — waiting for submissions, during
/// verification, waiting for approvals, during publication — Azurite is paused (SIGSTOP) for longer than a request
/// waits; storage is gone (the proxy drops every connection) while Azurite is killed (SIGKILL) and started again over
/// its data; and the proxy answers 503 Server Busy to half the requests.
/// The people retry what was refused, as a person would. The cycle ends with exactly the expected records and each
/// mail delivered once.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageFaultTests(MailFixture mail) : IClassFixture<MailFixture>
{
    private const string Period = "2026-Q2";

    /// <summary>How long Azurite stays paused: longer than the actors' HTTP timeout would allow a request to wait for
    /// a storage call, short enough to keep the test to a few minutes.</summary>
    private static readonly TimeSpan PauseTime = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Cycle_StoragePausedKilledAndBusyAtEveryStage_CompletesWithEachRecordAndMailExactlyOnce()
    {
        await using var azurite = new PrivateAzurite();
        await azurite.StartAsync();
        await using var proxy = await FaultProxy.StartAsync(azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
        var fixture = await CycleFixture.CreateOnAsync(azurite.ConnectionString, Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Fault" + fixture.Prefix[2..], mail.HostSettings, proxy.ConnectionString);
        await host.StartAsync();
        using var actors = fixture.Actors(host, Period);
        var departments = fixture.Sample.Organisation.Departments.Select(d => d.Id).ToList();
        var before = (await mail.Server.MessagesAsync(default)).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var faults = new Faults(azurite, proxy);

        var start = new CycleStart(CycleFixture.Office, Period, SelfEvaluationTime: TimeSpan.FromMinutes(15), RemindBefore: TimeSpan.Zero, ObjectionPeriod: TimeSpan.FromSeconds(45));
        Assert.Equal(HttpStatusCode.Accepted, (await actors.StartAsync(start)).StatusCode);
        await actors.WaitForAsync("SelfEvaluation");
        foreach (var d in departments.Take(8))
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.SubmitWhenOpenAsync(d));
        }

        // Waiting for submissions: paused, killed, busy — each department's head retries until the submission is taken
        // (the same Idempotency-Key: one submission however often it is sent).
        await faults.InjectAsync(departments.Skip(8).Take(12).Select(d => (Func<Task<HttpStatusCode>>)(() => actors.SubmitAsync(d))).ToList(), false);
        foreach (var d in departments.Skip(20))
        {
            Assert.Equal(HttpStatusCode.Accepted, await RetryAsync(() => actors.SubmitWhenOpenAsync(d)));
        }

        // During verification: the same; a verification answered 409 on a retry was taken by an earlier attempt the
        // office never heard back from — the records at the end show each department accepted once.
        var verification = await actors.WaitForAsync("Verification");
        Assert.Equal(30, CycleActors.Awaiting(verification).Count);
        foreach (var d in departments.Take(8))
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.VerifyAsync(d));
        }

        await faults.InjectAsync(departments.Skip(8).Take(12).Select(d => (Func<Task<HttpStatusCode>>)(() => actors.VerifyAsync(d))).ToList(), true);
        foreach (var d in departments.Skip(20))
        {
            Assert.Equal(HttpStatusCode.Accepted, await RetryAsync(() => actors.VerifyAsync(d)));
        }

        // Waiting for approvals: three of four members vote, one through each fault.
        var decision = await actors.WaitForAsync("Decision");
        var members = CycleActors.Awaiting(decision);
        Assert.Equal(4, members.Count);
        await faults.InjectAsync(members.Take(3).Select(m => (Func<Task<HttpStatusCode>>)(() => actors.VoteAsync(m, round: 1))).ToList(), true);

        // During publication, inside the objection period: paused, killed, busy, with nobody acting.
        var published = await actors.WaitForAsync("Publication");
        Assert.Equal(HttpStatusCode.Conflict, await actors.VoteAsync(members[3], round: CycleActors.Round(published)));
        await faults.InjectAsync([], false);
        var done = await actors.WaitForAsync("Completed", TimeSpan.FromMinutes(3));
        Assert.Equal(1, done.GetProperty("output").GetProperty("decisionRounds").GetInt32());
        Assert.True(proxy.Busy > 0 && proxy.Dropped > 0, $"expected requests refused and dropped, found {proxy.Busy} busy, {proxy.Dropped} dropped");

        // Exactly the expected records.
        await fixture.AssertCompletedQuarterAsync(Period);

        // Each mail of the outbox delivered, exactly once (by its key, which the sender puts in X-Appraisal-Key).
        var stream = OutboxCycleNotifications.Stream(CycleFixture.Office, Period);
        var outbox = new OutboxRepository(fixture.Account);
        IReadOnlyList<Storage.Infrastructure.Stored<OutboxMessage>> mails = [];
        for (var until = DateTime.UtcNow.AddMinutes(1); (mails = await outbox.AllAsync(stream)).Any(m => m.Value.SentAt is null); await Task.Delay(250))
        {
            Assert.True(DateTime.UtcNow < until, $"mail still unsent: {string.Join(", ", mails.Where(m => m.Value.SentAt is null).Select(m => m.Value.Key))}");
        }

        var expected = mails.Select(m => m.Value.Key).Order(StringComparer.Ordinal).ToList();
        var received = new List<string>();
        foreach (var m in (await mail.Server.MessagesAsync(default)).Where(m => !before.Contains(m.Id)))
        {
            var raw = await mail.Server.RawAsync(m.Id, default);
            received.Add(raw.Split('\n').Select(l => l.TrimEnd('\r')).First(l => l.StartsWith("X-Appraisal-Key:", StringComparison.OrdinalIgnoreCase))["X-Appraisal-Key:".Length..].Trim());
        }

        Assert.Equal(expected, received.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The storage faults of one stage, each with people acting through it.</summary>
    private sealed class Faults(PrivateAzurite azurite, FaultProxy proxy)
    {
        /// <summary>Azurite paused while the first third of the actions are tried (none may succeed while it is — nothing
        /// can be stored); resumed, they are retried until taken. Storage gone and Azurite killed while the second third
        /// are tried (none may succeed); started again over its data, they are retried until taken. Then the proxy answers 503 to every
        /// second request while the last third are tried, each retried until taken. With no actions, each fault lasts
        /// as long as a pause. <paramref name="doneBefore"/>: a 409 on a retry means an earlier attempt was taken.</summary>
        public async Task InjectAsync(IReadOnlyList<Func<Task<HttpStatusCode>>> actions, bool doneBefore)
        {
            var third = (actions.Count + 2) / 3;
            var (paused, killed, busy) = (actions.Take(third).ToList(), actions.Skip(third).Take(third).ToList(), actions.Skip(2 * third).ToList());

            azurite.Pause();
            var tried = paused.Select(a => Attempt(a)).ToList();
            await Task.Delay(PauseTime);
            var whilePaused = tried.Where(t => t.IsCompleted).Select(t => t.Result).ToList();
            azurite.Resume();
            Assert.All(whilePaused, s => Assert.True(s is null || (int)s >= 500, $"a request answered {s} while storage was paused"));
            await Task.WhenAll(tried);
            foreach (var (action, first) in paused.Zip(tried))
            {
                await TakenAsync(action, first.Result, doneBefore);
            }

            // Storage gone: every connection dropped while the second third are tried (none may succeed). Azurite
            // itself is killed once it has saved what it acknowledged (a SIGKILL loses its last seconds of writes,
            // which Azure Storage never does), and started again over its folder.
            proxy.Down();
            tried = [.. killed.Select(a => Attempt(a))];
            await proxy.IdleAsync();
            await Task.Delay(PrivateAzurite.SaveInterval + TimeSpan.FromSeconds(2));
            azurite.Kill();
            await Task.WhenAll(tried);
            Assert.All(tried, t => Assert.True(t.Result is null || (int)t.Result >= 500, $"a request answered {t.Result} while storage was down"));
            await azurite.StartAsync();
            proxy.PassThrough();
            foreach (var (action, first) in killed.Zip(tried))
            {
                await TakenAsync(action, first.Result, doneBefore);
            }

            var refused = proxy.Busy;
            proxy.ServerBusy(0.5);
            foreach (var action in busy)
            {
                Assert.Equal(HttpStatusCode.Accepted, await RetryAsync(action));
            }

            if (busy.Count == 0)
            {
                await Task.Delay(PauseTime);
            }

            proxy.PassThrough();
            Assert.True(proxy.Busy > refused, "the proxy refused nothing");
        }

        /// <summary>One try: the answer, or null when none came (the connection failed or the wait ran out).</summary>
        private static async Task<HttpStatusCode?> Attempt(Func<Task<HttpStatusCode>> action)
        {
            try
            {
                return await action();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return null;
            }
        }

        /// <summary>Retried until taken, after a first try that had no success answer.</summary>
        private static async Task TakenAsync(Func<Task<HttpStatusCode>> action, HttpStatusCode? first, bool doneBefore)
        {
            if (first == HttpStatusCode.Accepted)
            {
                return;
            }

            var status = await RetryAsync(action);
            Assert.True(status == HttpStatusCode.Accepted || (doneBefore && status == HttpStatusCode.Conflict), $"a retry answered {status}");
        }
    }

    /// <summary>Asks again, as a person would, while the host fails (5xx) or does not answer, for up to three minutes.</summary>
    private static async Task<HttpStatusCode> RetryAsync(Func<Task<HttpStatusCode>> action)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            HttpStatusCode? status = null;
            try
            {
                status = await action();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            if (status is { } answer && ((int)answer < 500 || clock.Elapsed > TimeSpan.FromMinutes(3)))
            {
                return answer;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), "no answer in three minutes");
            await Task.Delay(500);
        }
    }
}
