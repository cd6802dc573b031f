using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appraisal.Storage;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Outbox;
using Appraisal.Storage.Submissions;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Notifications;
using Appraisal.Workflow.Province;
using Azure.Data.Tables;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>A province of three offices in two batches, the self-host killed with SIGKILL in the middle of the fan-out
/// (as the first office cycles are being started) and again when one office is final and the others are still
/// running: after each restart the province completes with every office's records exactly once.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProvinceCrashTests
{
    private const string Period = "2026-Q1";

    private static readonly string[] Offices = ["office-east", "office-north", "office-south"];

    [Fact]
    public async Task Province_KilledMidFanOutAndMidway_CompletesEveryOfficeWithEachRecordExactlyOnce()
    {
        var fixture = await CycleFixture.CreateAsync(Period, Offices);
        await using var host = new SelfHostProcess(fixture.Prefix, "Prov" + fixture.Prefix[2..]);
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Url, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await host.TokenAsync("province-admin", Role.Administrator, null));
        var actors = Offices.ToDictionary(o => o, o => fixture.Actors(host, Period, o));
        var departments = fixture.Sample.Organisation.Departments.Select(d => d.Id).ToList();
        var start = new ProvinceStart("test", Period, Offices, BatchSize: 2, SelfEvaluationTime: TimeSpan.FromMinutes(10), RemindBefore: TimeSpan.Zero,
            ObjectionPeriod: TimeSpan.FromSeconds(10));
        try
        {
            using (var first = await http.PostAsJsonAsync("api/provinces/cycles", start, CycleEndpoints.Json))
            {
                Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
                Assert.Equal(3, JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("offices").GetInt32());
            }

            // Killed in the middle of the fan-out: as soon as the first office's cycle exists.
            await UntilAsync(async () => (await Task.WhenAll(Offices.Select(o => ExistsAsync(http, $"api/cycles/{o}/{Period}")))).Any(e => e));
            await host.KillAsync();
            await host.StartAsync();
            using (var again = await http.PostAsJsonAsync("api/provinces/cycles", start, CycleEndpoints.Json))
            {
                Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            }

            // Every office reaches self-evaluation with its own departments; the first completes its whole quarter.
            foreach (var office in Offices)
            {
                var status = await actors[office].WaitForAsync("SelfEvaluation");
                Assert.Equal(departments.Order(StringComparer.Ordinal), CycleActors.Awaiting(status).Order(StringComparer.Ordinal));
            }

            await RunQuarterAsync(actors[Offices[0]], departments);
            await actors[Offices[0]].WaitForAsync("Completed", TimeSpan.FromMinutes(2));
            foreach (var office in Offices.Skip(1))
            {
                foreach (var d in departments.Take(10))
                {
                    Assert.Equal(HttpStatusCode.Accepted, await actors[office].SubmitWhenOpenAsync(d));
                }
            }

            // Killed midway: one office final, batch 1 and batch 2 still running.
            var midway = await StatusAsync(http, $"api/provinces/test/{Period}");
            Assert.Equal("Running", midway.GetProperty("runtimeStatus").GetString());
            Assert.Equal(2, CycleActors.Awaiting(midway).Count);
            await host.KillAsync();
            await host.StartAsync();
            await Task.WhenAll(Offices.Skip(1).Select(o => RunQuarterAsync(actors[o], departments)));

            var done = await WaitForProvinceAsync(http, TimeSpan.FromMinutes(3));
            var output = done.GetProperty("output");
            Assert.Equal(2, output.GetProperty("batches").GetInt32());
            Assert.Equal(Offices, output.GetProperty("completed").EnumerateArray().Select(e => e.GetString()));
            Assert.Empty(output.GetProperty("failed").EnumerateObject());

            var account = fixture.Account;
            foreach (var office in Offices)
            {
                await AssertExactlyOnceAsync(account, office);
            }

            // One cycle per office, its departments' windows kept in it (no instance of their own): nothing started twice by the restarts.
            var instances = new List<string>();
            await foreach (var e in account.Tables.GetTableClient($"Prov{fixture.Prefix[2..]}Instances").QueryAsync<TableEntity>(select: ["PartitionKey"]))
            {
                instances.Add(e.PartitionKey);
            }

            Assert.Equal(Offices.Select(o => $"cycle-{o}-{Period}"), instances.Where(i => i.StartsWith("cycle-", StringComparison.Ordinal) && !i.Contains(':', StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            Assert.DoesNotContain(instances, i => i.StartsWith("cycle-", StringComparison.Ordinal) && i.Contains(':', StringComparison.Ordinal));
            Assert.Equal(3, instances.Count(i => i.StartsWith("province-test-", StringComparison.Ordinal)));
        }
        finally
        {
            foreach (var a in actors.Values)
            {
                a.Dispose();
            }
        }
    }

    /// <summary>The rest of an office's quarter: every department submits (again with the same key for those that
    /// already did: the same submission), the office accepts all, each Party-group member approves.</summary>
    private static async Task RunQuarterAsync(CycleActors actors, IReadOnlyList<string> departments)
    {
        foreach (var d in departments)
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.SubmitWhenOpenAsync(d));
        }

        foreach (var d in CycleActors.Awaiting(await actors.WaitForAsync("Verification")))
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.VerifyAsync(d));
        }

        // A majority decides; a member voting after it would no longer be awaited.
        var members = CycleActors.Awaiting(await actors.WaitForAsync("Decision"));
        foreach (var m in members.Take(members.Count / 2 + 1))
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.VoteAsync(m));
        }
    }

    private static async Task AssertExactlyOnceAsync(StorageAccount account, string office)
    {
        var submissions = await new SubmissionRepository(account).ForCycleAsync(office, Period);
        Assert.Equal(30, submissions.Count);
        var finals = 0;
        var partition = Appraisal.Storage.Scorecards.ScorecardRepository.Partition(office);
        await foreach (var _ in account.Table(TableNames.Scorecards).QueryAsync<TableEntity>(e => e.PartitionKey == partition && e.GetBoolean("Final") == true))
        {
            finals++;
        }

        Assert.True(finals == 93, $"{office}: expected 93 final scorecards, found {finals}");
        var mails = await new OutboxRepository(account).AllAsync(OutboxCycleNotifications.Stream(office, Period));
        Assert.Equal(93, mails.Count(m => m.Value.Key.StartsWith("result-", StringComparison.Ordinal)));
        Assert.Equal(4, mails.Count(m => m.Value.Key.StartsWith("decide-r1-", StringComparison.Ordinal)));
        var audit = new AuditLog(account);
        var entries = await audit.ReadAsync(office, Period);
        Assert.Equal(30, entries.Count(e => e.Action == "submission.stored"));
        Assert.Single(entries, e => e.Action == "scorecards.scored");
        Assert.Single(entries, e => e.Action == "notice.published");
        Assert.Single(entries, e => e.Action == "results.finalised");
        Assert.True((await audit.VerifyAsync(office, Period)).Intact);
    }

    private static async Task<bool> ExistsAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task<JsonElement> StatusAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<JsonElement> WaitForProvinceAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await StatusAsync(http, $"api/provinces/test/{Period}");
            if (status.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" || DateTime.UtcNow > deadline)
            {
                Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
                return status;
            }

            await Task.Delay(250);
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the fan-out started no office cycle within 60 s");
            await Task.Delay(50);
        }
    }
}
