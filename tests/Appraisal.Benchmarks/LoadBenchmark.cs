using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Sample;
using Appraisal.Domain.Schemes;
using Appraisal.SelfHost.Hosting;
using Appraisal.SelfHost.Identity;
using Appraisal.Storage;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Secrets;
using Appraisal.Storage.SelfEvaluations;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;

namespace Appraisal.Benchmarks;

/// <summary><c>--load [SUBMISSIONS] [CLIENTS]</c>: people's self-evaluations against the self-host on Azurite — one
/// office of SUBMISSIONS people (default 10,000) in 50 departments, its cycle at self-evaluation, CLIENTS concurrent
/// clients (default 50), each person submitting once and one in ten of them sending the same request again with the
/// same Idempotency-Key (a client retrying after a lost answer). A 503 that says when to try again (storage did not
/// answer in time) is sent again after that wait with the same key and body, as the people's clients do — its write
/// may have been stored after all, and the resend then answers "Repeated". Prints throughput, p50/p95/p99/max latency
/// (every request, resends included), and checks that every person is stored once, that no key was accepted twice,
/// that a key never accepted answered 503 (its write stored all the same, found by a resend), and that every request
/// ended accepted or repeated. With <c>--beside-cycle OFFICES</c>
/// a quarter of OFFICES sample offices (<see cref="Quarter"/>) is started first in the same self-host, its people
/// simulated, and the same figures are taken while it runs.</summary>
internal static class LoadBenchmark
{
    private const string Period = "2026-Q1";

    /// <summary>How many times a request answered 503 with Retry-After is sent again, and the longest wait.</summary>
    private const int MaxResends = 10;

    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(10);
    private const string Office = "load-office";

    public static async Task<int> RunAsync(int submissions, int clients, int besideOffices, TimeSpan? ratingTime, string connection)
    {
        var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var prefix = "load" + run;
        var account = new StorageAccount(new StorageOptions { ConnectionString = connection, Prefix = prefix });
        await account.EnsureCreatedAsync();

        var setup = Stopwatch.StartNew();
        var scheme = SchemeTemplates.Load("B");
        var sample = SampleOffice.Generate(new SampleOptions { Departments = 50, People = submissions, CasesPerProsecutor = 1, Period = Domain.Periods.Period.Parse(Period) }, [scheme]);
        var org = sample.Organisation;
        await new OrganisationRepository(account).ImportAsync(new OfficeOrganisation(org.Office with { Id = Office }, org.Departments, org.Positions, org.People));
        await Quarter.DecideAsync(account, scheme);
        var people = org.People.Take(submissions).ToList();

        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var tokens = new JwtTokens(new AuthOptions { SigningKey = key }, new SecretStore(account));
        var tokenOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var person in people)
        {
            tokenOf[person.Id] = await tokens.IssueAsync(new Caller(person.Id, new HashSet<Role> { Role.Staff }, Office, null), null, default);
        }

        var office = await tokens.IssueAsync(new Caller("appraisal-office", new HashSet<Role> { Role.AppraisalOffice }, Office, null), null, default);
        Console.WriteLine($"setup: {people.Count} people in {org.Departments.Count} departments imported, {people.Count} tokens issued in {setup.Elapsed.TotalSeconds:0.0} s");

        // The quarter beside: its offices imported into the same tables, its people simulated by the command line
        // (which signs their requests with the host's key) from the moment it starts.
        await using var quarter = besideOffices > 0 ? await Quarter.PrepareAsync(account, besideOffices, decideScheme: false, ratingTime, besides: TimeSpan.FromSeconds(submissions / 500.0)) : null;
        if (quarter is not null)
        {
            Environment.SetEnvironmentVariable("Storage__ConnectionString", connection);
            Environment.SetEnvironmentVariable("Storage__Prefix", prefix);
            Environment.SetEnvironmentVariable("Auth__SigningKey", key);
            Console.WriteLine($"beside: a quarter of {besideOffices} office(s) of {quarter.PeoplePerOffice} people imported, rating window {quarter.RatingTime.TotalSeconds:0} s ({(ratingTime is null ? $"{Quarter.RatingWindowRule}, and the load's length at 500 self-evaluations/s" : "--rating-window")})");
        }

        var (startedHost, url) = await BenchmarkHost.StartAsync("Load" + run, connection, prefix, key);
        await using var host = startedHost;
        var quarterClock = Stopwatch.StartNew();
        var besideRun = quarter?.RunAsync(host, url, CancellationToken.None);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url) };
        using (var start = new HttpRequestMessage(HttpMethod.Post, "api/cycles")
        {
            Content = JsonContent.Create(new CycleStart(Office, Period, SelfEvaluationTime: TimeSpan.FromHours(1), RemindBefore: TimeSpan.Zero), options: CycleEndpoints.Json),
        })
        {
            start.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", office);
            (await http.SendAsync(start)).EnsureSuccessStatusCode();
        }

        await WaitForSelfEvaluationAsync(host);

        // Every person once; one in ten again with the same key, right after (a client that lost the first answer).
        var keys = people.Select((_, i) => $"load-{i}").ToList();
        var work = new ConcurrentQueue<(string Person, string Key)>();
        for (var i = 0; i < people.Count; i++)
        {
            work.Enqueue((people[i].Id, keys[i]));
            if (i % 10 == 9)
            {
                work.Enqueue((people[i].Id, keys[i]));
            }
        }

        var total = work.Count;
        var latencies = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<int, int>();
        var stored = 0;
        var repeated = 0;
        var resent = 0;
        var createdOf = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var answered503 = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var loadStarted = quarterClock.Elapsed;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (work.TryDequeue(out var item))
            {
                for (var attempt = 0; ; attempt++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"api/cycles/{Office}/{Period}/people/{item.Person}/self-evaluation")
                    {
                        Content = JsonContent.Create(new SelfEvaluationRequest($"{item.Person} 本季度工作小结：办理案件、参加学习、无违纪。", 90, null), options: CycleEndpoints.Json),
                    };
                    request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokenOf[item.Person]);
                    request.Headers.TryAddWithoutValidation("Idempotency-Key", item.Key);
                    var sent = Stopwatch.GetTimestamp();
                    using var response = await http.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < MaxResends && response.Headers.RetryAfter?.Delta is { } wait)
                    {
                        Interlocked.Increment(ref resent);
                        answered503[item.Key] = true;
                        await Task.Delay(wait < MaxRetryAfter ? wait : MaxRetryAfter);
                        continue;
                    }

                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        Interlocked.Increment(ref stored);
                        createdOf.AddOrUpdate(item.Key, 1, (_, n) => n + 1);
                    }
                    else if (response.StatusCode == HttpStatusCode.OK && body.Contains("\"Repeated\"", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref repeated);
                    }

                    break;
                }
            }
        })));
        var elapsed = clock.Elapsed;
        var loadEnded = quarterClock.Elapsed;

        var rows = 0;
        var repository = new SelfEvaluationRepository(account);
        foreach (var department in org.Departments)
        {
            rows += (await repository.ForDepartmentAsync(Office, Period, department.Id)).Count;
        }

        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        Console.WriteLine($"requests: {total + resent} ({people.Count} self-evaluations, {total - people.Count} retried with the same Idempotency-Key, {resent} resent after a 503) from {clients} clients");
        Console.WriteLine($"answers: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} × {s.Value}"))}");
        Console.WriteLine($"throughput: {(total + resent) / elapsed.TotalSeconds:N0} requests/s ({people.Count / elapsed.TotalSeconds:N0} self-evaluations/s) over {elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"latency: p50 {Percentile(0.50):0.0} ms, p95 {Percentile(0.95):0.0} ms, p99 {Percentile(0.99):0.0} ms, max {sorted[^1]:0.0} ms");
        // A person (one key each) never accepted was stored by a sending that answered 503: only such a key may lack a 201.
        var storedBehind503 = people.Count - createdOf.Count;
        Console.WriteLine($"stored: {rows} rows; accepted (201): {stored}; answered as repeated (200): {repeated}; 503s resent: {resent} (over {answered503.Count} people), {storedBehind503} people's writes stored behind a 503");
        var failed = new List<string>();
        if (rows != people.Count)
        {
            failed.Add($"{rows} rows stored for {people.Count} people");
        }

        if (createdOf.Count(c => c.Value > 1) is > 0 and var twice)
        {
            failed.Add($"{twice} keys accepted more than once");
        }

        if (keys.Count(key => !createdOf.ContainsKey(key) && !answered503.ContainsKey(key)) is > 0 and var unanswered)
        {
            failed.Add($"{unanswered} keys neither accepted nor answered 503");
        }

        if (stored + repeated != total)
        {
            failed.Add($"{total - stored - repeated} requests ended neither accepted nor repeated");
        }

        var ok = failed.Count == 0;
        Console.WriteLine(ok ? "check: every person stored once; no key accepted twice; every key not accepted was answered 503 and its write found stored by a resend"
            : $"check FAILED: {string.Join("; ", failed)}");
        if (besideRun is not null)
        {
            var beside = await besideRun;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"beside: the load ran from {loadStarted.TotalSeconds:0.0} s to {loadEnded.TotalSeconds:0.0} s of the quarter, which ended {beside.Status} at {beside.Elapsed.TotalSeconds:0.0} s ({beside.Failures} office(s) failed){(beside.Elapsed < loadEnded ? " — before the load did: the load was not beside it throughout" : string.Empty)}"));
            ok &= beside.Ok;
        }

        return ok ? 0 : 1;
    }

    private static async Task WaitForSelfEvaluationAsync(SelfHostApp host)
    {
        var id = CycleStarter.InstanceId(Office, Domain.Periods.Period.Parse(Period));
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var instance = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (instance?.SerializedCustomStatus?.Contains("\"SelfEvaluation\"", StringComparison.Ordinal) == true)
            {
                return;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"{id} did not reach self-evaluation within 3 minutes");
    }
}
