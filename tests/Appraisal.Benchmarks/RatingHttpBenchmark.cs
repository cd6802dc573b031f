using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Validation;
using Appraisal.Domain.Scoring;
using Appraisal.SelfHost.Hosting;
using Appraisal.SelfHost.Identity;
using Appraisal.Storage;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Ballots;
using Appraisal.Storage.Organisation;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Secrets;
using Appraisal.Workflow.Actions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Ratings;

namespace Appraisal.Benchmarks;

/// <summary><c>--ratings-http [PEOPLE] [CLIENTS] [RATE] [WINDOW]</c>: the raters' questionnaire through the self-host
/// on Azurite. Two offices of PEOPLE people (default 2,000) in departments of 21, under a scheme whose one rated
/// indicator has a single group of department colleagues (民主测评 by colleagues: one ballot is one answer about one
/// colleague, 20 per rater, 39,920 for 2,000 people). Each office's cycle is started with a rating window of WINDOW
/// seconds (default 60; 0 skips the first office) for the first office and just long enough for the paced run for the second; once the window
/// is open CLIENTS concurrent clients (default 50) act as the raters, each signed in as the rater: GET the
/// questionnaire, POST each section (a later section with the receipt the first gave); with <c>--post-only</c> the
/// clients work the sections out themselves and only POST. The first office is run at
/// saturation (each client sends as soon as its last answer came), the second paced at RATE ballots/s in total
/// (default 1,000). For each: ballots/s accepted, request and per-ballot latency (p50/p95/p99/max), stored = accepted
/// (participation rows, the seal's answer count and the sealed cells' counts), and the close timed from the window's
/// end: the settle the orchestrator waits, the seal itself up to the means stored, and the audit's
/// <c>ratings.sealed</c> (scoring waits for it; the answer rows are deleted beside scoring).</summary>
internal static class RatingHttpBenchmark
{
    private const string Period = "2026-Q1";
    private const int DepartmentSize = 21;
    private const string SchemeId = "ratings-bench";

    public static async Task<int> RunAsync(int people, int clients, double rate, int windowSeconds, bool postOnly, string connection)
    {
        var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var prefix = "rate" + run;
        var account = new StorageAccount(new StorageOptions { ConnectionString = connection, Prefix = prefix });
        await account.EnsureCreatedAsync();

        var setup = Stopwatch.StartNew();
        var scheme = Scheme();
        if (SchemeValidator.Validate(scheme) is { Count: > 0 } issues && issues.Any(i => i.Severity == IssueSeverity.Error))
        {
            Console.WriteLine("scheme refused: " + string.Join("; ", issues.Select(i => i.Message)));
            return 1;
        }

        var schemes = new SchemeRepository(account);
        var draft = await schemes.AddDraftAsync(scheme);
        await schemes.DecideAsync(scheme.Id, scheme.Version, "party-group", DateTimeOffset.UtcNow, draft.ETag);
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var tokens = new JwtTokens(new AuthOptions { SigningKey = key }, new SecretStore(account));
        var offices = new[] { "rate-saturated", "rate-paced" };
        var signedIn = new Dictionary<string, (OfficeOrganisation Org, Dictionary<string, string> Tokens, string Office)>(StringComparer.Ordinal);
        foreach (var officeId in offices)
        {
            var org = Organisation(officeId, people);
            await new OrganisationRepository(account).ImportAsync(org);
            var tokenOf = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var person in org.People)
            {
                tokenOf[person.Id] = await tokens.IssueAsync(new Caller(person.Id, new HashSet<Role> { Role.Staff }, officeId, person.DepartmentId), null, default);
            }

            var office = await tokens.IssueAsync(new Caller("appraisal-office", new HashSet<Role> { Role.AppraisalOffice }, officeId, null), null, default);
            signedIn[officeId] = (org, tokenOf, office);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"setup: 2 offices of {people:N0} people in {signedIn[offices[0]].Org.Departments.Count} departments of up to {DepartmentSize} imported, {2 * people:N0} raters signed in, in {setup.Elapsed.TotalSeconds:0.0} s"));

        var (startedHost, url) = await BenchmarkHost.StartAsync("Rate" + run, connection, prefix, key);
        await using var host = startedHost;

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url) };
        var expected = signedIn[offices[0]].Org.People.Sum(p => signedIn[offices[0]].Org.People.Count(c => c.DepartmentId == p.DepartmentId) - 1);
        // WINDOW 0: the paced run alone.
        var ok = windowSeconds == 0 || await PhaseAsync(http, host, account, scheme, postOnly, signedIn[offices[0]], clients, null, TimeSpan.FromSeconds(windowSeconds));
        // The paced window: as long as sending at RATE takes, and 15 s for the window to open and the last answers.
        ok &= await PhaseAsync(http, host, account, scheme, postOnly, signedIn[offices[1]], clients, rate, TimeSpan.FromSeconds(Math.Ceiling(expected / rate) + 15));
        return ok ? 0 : 1;
    }

    private static async Task<bool> AnyAsync(Azure.AsyncPageable<Azure.Data.Tables.TableEntity> rows)
    {
        await foreach (var _ in rows)
        {
            return true;
        }

        return false;
    }

    /// <summary>One office: its cycle started, its window awaited, every rater answering, then the close and seal timed.</summary>
    private static async Task<bool> PhaseAsync(HttpClient http, SelfHostApp host, StorageAccount account, Scheme scheme, bool postOnly, (OfficeOrganisation Org, Dictionary<string, string> Tokens, string Office) office,
        int clients, double? rate, TimeSpan window)
    {
        var officeId = office.Org.Office.Id;
        var box = new BallotBox(account);
        var started = Stopwatch.StartNew();
        using (var start = new HttpRequestMessage(HttpMethod.Post, "api/cycles")
        {
            Content = JsonContent.Create(new CycleStart(officeId, Period, SchemeId, SelfEvaluationTime: TimeSpan.FromHours(1), RemindBefore: TimeSpan.Zero, RatingTime: window),
                options: CycleEndpoints.Json),
        })
        {
            start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", office.Office);
            (await http.SendAsync(start)).EnsureSuccessStatusCode();
        }

        DateTime? open;
        while ((open = await box.WindowAsync(officeId, Period)) is null)
        {
            if (started.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"the rating window of {officeId} did not open within 3 minutes");
            }

            await Task.Delay(100);
        }

        var until = DateTime.SpecifyKind(open.Value, DateTimeKind.Utc);
        var opened = started.Elapsed;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{officeId}: window of {window.TotalSeconds:0} s open {opened.TotalSeconds:0.0} s after the cycle's start, {(until - DateTime.UtcNow).TotalSeconds:0.0} s left; {(rate is { } r ? $"paced at {r:N0} ballots/s" : "at saturation")}, {clients} clients"));

        // Each rater's place in the schedule when paced: the ballots before them at RATE.
        var raters = office.Org.People.ToList();
        var sizes = raters.GroupBy(p => p.DepartmentId).ToDictionary(g => g.Key, g => g.Count() - 1, StringComparer.Ordinal);
        var queue = new ConcurrentQueue<(Person Rater, TimeSpan At)>();
        var before = 0;
        foreach (var rater in raters)
        {
            queue.Enqueue((rater, rate is { } pace ? TimeSpan.FromSeconds(before / pace) : TimeSpan.Zero));
            before += sizes[rater.DepartmentId];
        }

        var gets = new ConcurrentBag<double>();
        var posts = new ConcurrentBag<(double Ms, int Ballots)>();
        var statuses = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var accepted = 0;
        var sections = 0;
        var lagMs = 0L;
        var azurite = AzuriteProcess.Cpu(account.Options.ConnectionString);
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var subjects = SubjectSet.For(scheme, office.Org);
        var clock = Stopwatch.StartNew();
        var lastAccepted = 0L;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var item))
            {
                if (item.At - clock.Elapsed is { } wait && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                var lag = (long)(clock.Elapsed - item.At).TotalMilliseconds;
                InterlockedMax(ref lagMs, lag);
                var token = office.Tokens[item.Rater.Id];
                List<(string Id, List<(string Subject, string Indicator)> Questions)> mine;
                if (postOnly)
                {
                    // The sections the questionnaire would list, computed here: the POSTs alone.
                    mine = Questionnaire.For(office.Org, scheme, subjects, item.Rater, [])
                        .Select(s => (s.Id, s.Questions.Select(q => (q.Subject.Id, q.Indicator.Id)).ToList())).ToList();
                }
                else
                {
                    using var get = new HttpRequestMessage(HttpMethod.Get, $"api/cycles/{officeId}/{Period}/ratings");
                    get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    var asked = Stopwatch.GetTimestamp();
                    using var questionnaire = await http.SendAsync(get);
                    var body = await questionnaire.Content.ReadAsStringAsync();
                    gets.Add(Stopwatch.GetElapsedTime(asked).TotalMilliseconds);
                    statuses.AddOrUpdate($"GET {(int)questionnaire.StatusCode}", 1, (_, n) => n + 1);
                    if (questionnaire.StatusCode != HttpStatusCode.OK)
                    {
                        continue;
                    }

                    using var document = JsonDocument.Parse(body);
                    mine = document.RootElement.GetProperty("sections").EnumerateArray()
                        .Select(s => (s.GetProperty("id").GetString()!, s.GetProperty("questions").EnumerateArray()
                            .Select(q => (q.GetProperty("subjectId").GetString()!, q.GetProperty("indicatorId").GetString()!)).ToList()))
                        .ToList();
                }

                string? receipt = null;
                foreach (var (sectionId, questions) in mine)
                {
                    var answers = questions
                        .Select(q => new RatingAnswerRequest(q.Subject, q.Indicator, 60 + (Math.Abs(HashCode.Combine(item.Rater.Id, q.Subject)) % 41)))
                        .ToList();
                    using var post = new HttpRequestMessage(HttpMethod.Post, $"api/cycles/{officeId}/{Period}/ratings/{sectionId}")
                    {
                        Content = JsonContent.Create(new RatingAnswersRequest(answers), options: CycleEndpoints.Json),
                    };
                    post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    if (receipt is not null)
                    {
                        post.Headers.Add(RatingEndpoints.ReceiptHeader, receipt);
                    }

                    var sent = Stopwatch.GetTimestamp();
                    using var answer = await http.SendAsync(post);
                    var outcome = await answer.Content.ReadAsStringAsync();
                    posts.Add((Stopwatch.GetElapsedTime(sent).TotalMilliseconds, answers.Count));
                    statuses.AddOrUpdate($"POST {(int)answer.StatusCode}", 1, (_, n) => n + 1);
                    if (answer.StatusCode == HttpStatusCode.OK)
                    {
                        receipt ??= JsonDocument.Parse(outcome).RootElement.GetProperty("receipt").GetString();
                        Interlocked.Add(ref accepted, answers.Count);
                        Interlocked.Increment(ref sections);
                        Interlocked.Exchange(ref lastAccepted, DateTime.UtcNow.Ticks);
                    }
                }
            }
        })));
        var elapsed = clock.Elapsed;
        var ownUsed = Process.GetCurrentProcess().TotalProcessorTime - ownCpu;
        var azuriteUsed = AzuriteProcess.Cpu(account.Options.ConnectionString) - azurite;

        var getMs = gets.Order().ToList();
        var postMs = posts.Select(p => p.Ms).Order().ToList();
        var ballotMs = posts.OrderBy(p => p.Ms).ToList();
        Console.WriteLine($"answers: {string.Join(", ", statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} × {s.Value:N0}"))}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput: {accepted:N0} ballots accepted in {sections:N0} sections from {raters.Count:N0} raters in {elapsed.TotalSeconds:0.0} s = {accepted / elapsed.TotalSeconds:N0} ballots/s ({(gets.Count + posts.Count) / elapsed.TotalSeconds:N0} requests/s){(rate is null ? string.Empty : $"; most behind schedule {lagMs:N0} ms")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU over those {elapsed.TotalSeconds:0.0} s: self-host and clients (this process) {ownUsed.TotalSeconds:0.0} s = {ownUsed / elapsed:P0} of a core; Azurite {(azurite is null ? "not found" : $"{azuriteUsed!.Value.TotalSeconds:0.0} s = {azuriteUsed.Value / elapsed:P0} of a core ({azuriteUsed.Value.TotalMilliseconds / sections:0.0} ms per section answered)")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GET questionnaire: {Describe(getMs)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"POST section: {Describe(postMs)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"per ballot (its section's POST): p50 {Weighted(ballotMs, 0.50):0} ms, p95 {Weighted(ballotMs, 0.95):0} ms, p99 {Weighted(ballotMs, 0.99):0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"window: the last accepted answer came back {(until - new DateTime(Interlocked.Read(ref lastAccepted), DateTimeKind.Utc)).TotalSeconds:0.0} s before the close (negative: after it)"));

        if (rate is null)
        {
            await ProbeAsync(host, account, officeId);
        }

        // The close: the orchestrator's timer fires Settle after the window's end; the seal row (means final, cells
        // stored) appears; ratings.sealed is audited (what scoring waits for; the answer rows are deleted beside it).
        BallotSeal? seal;
        DateTime sealSeen;
        while ((seal = await box.SealOfAsync(officeId, Period)) is null)
        {
            if (DateTime.UtcNow > until.AddMinutes(3))
            {
                Console.WriteLine("check FAILED: no seal within 3 minutes of the close");
                return false;
            }

            await Task.Delay(50);
        }

        sealSeen = DateTime.UtcNow;
        AuditEntry? audited;
        while ((audited = (await new AuditLog(account).ReadAsync(officeId, Period)).FirstOrDefault(e => e.Action == "ratings.sealed")) is null)
        {
            if (DateTime.UtcNow > until.AddMinutes(5))
            {
                Console.WriteLine("check FAILED: ratings.sealed not audited within 5 minutes of the close");
                return false;
            }

            await Task.Delay(100);
        }

        var sealedAt = seal.SealedAt.UtcDateTime;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"close: window end → seal started {(sealedAt - until).TotalSeconds:0.0} s (the settle and the timer) → means stored {(sealSeen - sealedAt).TotalSeconds:0.0} s (seen within 50 ms) → ratings.sealed audited {(audited.At.UtcDateTime - sealSeen).TotalSeconds:0.0} s (scoring may start; the answer rows are deleted beside it); window end → ratings.sealed {(audited.At.UtcDateTime - until).TotalSeconds:0.0} s"));

        var participation = await box.ParticipationAsync(officeId, Period);
        var cells = await box.CellsAsync(officeId, Period);
        var means = cells.Count(c => c.Sum is not null);
        var ok = participation.Count == sections && seal.Answers == accepted && cells.Sum(c => c.Count) == accepted;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stored: {participation.Count:N0} sections answered (participation), {seal.Answers:N0} answers sealed into {seal.Cells:N0} cells ({means:N0} means), {cells.Sum(c => c.Count):N0} counted in the cells; accepted: {sections:N0} sections, {accepted:N0} ballots — {(ok ? "stored = accepted" : "check FAILED: stored and accepted differ")}"));

        // The answer rows are deleted beside scoring: timed until none is left (so the next phase runs on a quiet box).
        var answers = account.Table(Storage.TableNames.Ballots);
        var partition = Storage.Infrastructure.Keys.Join("period", "box", officeId, Period);
        var (from, to) = ("b" + Storage.Infrastructure.Keys.Separator, Storage.Infrastructure.Keys.UpperBound("b"));
        while (await AnyAsync(answers.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0, 1, ["RowKey"])))
        {
            if (DateTime.UtcNow > until.AddMinutes(5))
            {
                Console.WriteLine("check FAILED: answer rows left 5 minutes after the close");
                return false;
            }

            await Task.Delay(200);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"purge: every answer row deleted {(DateTime.UtcNow - sealSeen).TotalSeconds:0.0} s after the means were stored"));
        return ok;
    }

    /// <summary>The storage reads a rater's requests make, each timed alone ten times over the full ballot box (every
    /// answer still in it, before the seal), with the Azurite CPU they cost: what one GET and one POST pay in storage.</summary>
    private static async Task ProbeAsync(SelfHostApp host, StorageAccount account, string officeId)
    {
        var box = new BallotBox(account);
        var id = CycleStarter.InstanceId(officeId, Domain.Periods.Period.Parse(Period));
        var reads = new (string Name, Func<Task> Read)[]
        {
            ("who answered, the whole office's box (response rates, reminders)", () => box.ParticipationAsync(officeId, Period)),
            ("the rater's own sections answered (the GET's point read)", () => box.AnsweredAsync(officeId, Period, "P00001", ["D000"])),
            ("the cycle's instance with its input", () => host.Client.GetInstanceAsync(id, getInputsAndOutputs: true)),
            // A decided scheme and a window's close are kept in memory once read: each timed here as its first read.
            ("the scheme (point read, once per process)", () => new SchemeRepository(account).GetAsync(SchemeId, 1)),
            ("the window's close (point read, once per process)", () => new BallotBox(account).WindowAsync(officeId, Period)),
            ("the seal (point read)", () => box.SealOfAsync(officeId, Period)),
        };
        var parts = new List<string>();
        foreach (var (name, read) in reads)
        {
            await read();
            var cpu = AzuriteProcess.Cpu(account.Options.ConnectionString);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 10; i++)
            {
                await read();
            }

            var used = AzuriteProcess.Cpu(account.Options.ConnectionString) - cpu;
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {clock.Elapsed.TotalMilliseconds / 10:0.0} ms{(used is { } u ? $" ({u.TotalMilliseconds / 10:0.0} ms Azurite CPU)" : string.Empty)}"));
        }

        Console.WriteLine("storage reads, each alone (mean of 10): " + string.Join("; ", parts));
    }

    /// <summary>The sample scheme B with one rated indicator rated by department colleagues alone.</summary>
    private static Scheme Scheme()
    {
        var b = SchemeTemplates.Load("B");
        var conduct = b.RatedIndicators.Single(i => i.Id == "conduct-evaluation");
        return b with
        {
            Id = SchemeId,
            Version = 1,
            RatedIndicators = [conduct with { RaterGroups = [conduct.RaterGroups.Single(g => g.EffectiveRaters == RaterKind.SameDepartment) with { Weight = 100 }] }],
        };
    }

    /// <summary>PEOPLE quota prosecutors in departments of 21 (the last one smaller), the first of each its head, the
    /// first of all the chief prosecutor; no mail addresses (no invitations queued).</summary>
    private static OfficeOrganisation Organisation(string officeId, int people)
    {
        var departments = Enumerable.Range(0, (people + DepartmentSize - 1) / DepartmentSize)
            .Select(d => new Department { Id = $"D{d:000}", Name = $"第{d + 1}检察部" }).ToList();
        var persons = Enumerable.Range(0, people).Select(i => new Person
        {
            Id = $"P{i:00000}",
            Name = $"干警{i:00000}",
            DepartmentId = $"D{i / DepartmentSize:000}",
            Category = StaffCategory.QuotaProsecutor,
            Post = i == 0 ? LeadershipPost.ChiefProsecutor : i % DepartmentSize == 0 ? LeadershipPost.DepartmentHead : LeadershipPost.None,
        }).ToList();
        return new OfficeOrganisation(new Office { Id = officeId, Name = "测评基准院", Level = OfficeLevel.Basic }, departments, [], persons);
    }

    private static string Describe(List<double> sorted) => sorted.Count == 0
        ? "none"
        : $"{sorted.Count:N0} requests, p50 {Percentile(sorted, 0.50):0} ms, p95 {Percentile(sorted, 0.95):0} ms, p99 {Percentile(sorted, 0.99):0} ms, max {sorted[^1]:0} ms";

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>The latency below which a share <paramref name="p"/> of the ballots were stored (each section's POST
    /// counted once per ballot it carried).</summary>
    private static double Weighted(List<(double Ms, int Ballots)> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }

        var target = p * sorted.Sum(s => s.Ballots);
        var seen = 0;
        foreach (var (ms, ballots) in sorted)
        {
            seen += ballots;
            if (seen >= target)
            {
                return ms;
            }
        }

        return sorted[^1].Ms;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}
