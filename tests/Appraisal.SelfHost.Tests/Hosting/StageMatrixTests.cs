using System.Net;
using System.Text.Json;
using Appraisal.Domain.Cycles;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>Every stage-bound action of the endpoint catalog, tried by a caller it would otherwise let through, at every
/// stage of a running quarter that is not its own — not yet, already past, and once the results are final — is refused
/// with 409 naming the period, and changes nothing: every table row and blob the same, and no event reaching the task
/// hub (the cycle's history and the hub's queues unchanged). The Party group's vote is tried with a stale round and
/// without one too. Generated from the catalog: an entry with stages and no request here fails the test.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StageMatrixTests
{
    private const string Period = "2026-Q1";

    /// <summary>Stage-bound entries whose requests carry a one-time credential made by a page or a mail, tried at the
    /// wrong stage where those are made (the same action service refuses them).</summary>
    private static readonly Dictionary<string, string> CoveredElsewhere = new(StringComparer.Ordinal)
    {
        ["SubmitObjectionForm"] = nameof(ObjectionFormTests),
        ["SubmitObjectionReviewForm"] = nameof(ObjectionFormTests),
        ["SubmitSelfEvaluationForm"] = nameof(WorkbenchPageTests),
        ["SubmitDepartmentForm"] = nameof(WorkbenchPageTests),
        ["SubmitVerificationForm"] = nameof(WorkbenchPageTests),
        ["ReviewSelfEvaluationForm"] = nameof(SelfEvaluationReviewTests),
        ["SubmitApprovalLink"] = nameof(ApprovalLinkTests),
        ["EnterPaperRatingsForm"] = nameof(PaperRatingsPageTests),
    };

    [Fact]
    public async Task EveryStageBoundAction_AtEveryOtherStage_IsRefused_AndNothingIsStoredOrRaised()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        var hub = "Stage" + fixture.Prefix[2..];
        await using var host = new SelfHostProcess(fixture.Prefix, hub);
        await host.StartAsync();
        using var actors = fixture.Actors(host, Period);
        using var http = new HttpClient { BaseAddress = host.Url };
        Assert.Equal(HttpStatusCode.Accepted, (await actors.StartAsync(new CycleStart(CycleFixture.Office, Period, SelfEvaluationTime: TimeSpan.FromMinutes(10),
            RemindBefore: TimeSpan.Zero, ObjectionPeriod: TimeSpan.FromSeconds(40)))).StatusCode);
        var org = fixture.Sample.Organisation;
        var department = org.Departments[1].Id;
        var person = org.People.First(p => p.DepartmentId == department && p.Post == Domain.Organisation.LeadershipPost.None);
        var cycleId = CycleStarter.InstanceId(CycleFixture.Office, Domain.Periods.Period.Parse(Period));
        var stageBound = EndpointCatalog.All.Where(e => e.Stages.Count > 0 && !CoveredElsewhere.ContainsKey(e.Name)).ToList();
        var tried = new HashSet<string>(StringComparer.Ordinal);
        var member = "";

        async Task CheckAsync(CycleStage stage, int round)
        {
            var events = await QuietHubAsync(hub, cycleId); // the cycle's own work of the stage (opening the rating window) done
            var before = await StorageSnapshot.TakeAsync(fixture.Account);
            var cases = new List<(string, HttpRequestMessage, HttpStatusCode, string?)>();
            foreach (var entry in stageBound.Where(e => !e.Stages.Contains(stage)))
            {
                cases.Add(($"{entry.Name} at {stage}", await RequestAsync(host, entry, department, person.Id, member, round), HttpStatusCode.Conflict, "period"));
                tried.Add(entry.Name);
            }

            if (stage == CycleStage.Decision)
            {
                var vote = EndpointCatalog.All.Single(e => e.Name == "CastVote");
                var token = await host.TokenAsync(member, Role.PartyGroup, CycleFixture.Office);
                cases.Add(("a vote for the next round", Requests.As(token, Requests.JsonBody(HttpMethod.Post, Route(vote, department, person.Id), new VoteRequest(true, null, round + 1))), HttpStatusCode.Conflict, "round"));
                cases.Add(("a vote for an earlier round", Requests.As(token, Requests.JsonBody(HttpMethod.Post, Route(vote, department, person.Id), new VoteRequest(true, null, round - 1))), HttpStatusCode.Conflict, "round"));
                cases.Add(("a vote without its round", Requests.As(token, Requests.JsonBody(HttpMethod.Post, Route(vote, department, person.Id), new VoteRequest(true, null, null))), HttpStatusCode.BadRequest, "round"));
                cases.Add(("a vote by one the cycle does not await", Requests.As(await host.TokenAsync(person.Id, Role.PartyGroup, CycleFixture.Office),
                    Requests.JsonBody(HttpMethod.Post, Route(vote, department, person.Id), new VoteRequest(true, null, round))), HttpStatusCode.Conflict, Access.Field));
            }

            Assert.Equal(cases.Count, await Requests.AssertRefusedAsync(http, cases));
            await Task.Delay(TimeSpan.FromSeconds(2)); // anything raised would have reached the hub by now
            Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
            Assert.Equal(events, await HubAsync(hub, cycleId));
        }

        await actors.WaitForAsync("SelfEvaluation");

        await CheckAsync(CycleStage.SelfEvaluation, 0);
        foreach (var d in org.Departments)
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.SubmitWhenOpenAsync(d.Id));
        }

        var verifying = await actors.WaitForAsync("Verification");
        await Task.Delay(CycleSnapshots.CycleFreshness * 3.5); // the people's self-evaluations read the stage at most this late
        await CheckAsync(CycleStage.Verification, CycleActors.Round(verifying) ?? 0);
        foreach (var d in CycleActors.Awaiting(verifying))
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.VerifyAsync(d));
        }

        var deciding = await actors.WaitForAsync("Decision");
        var members = CycleActors.Awaiting(deciding);
        member = members[0];
        await CheckAsync(CycleStage.Decision, CycleActors.Round(deciding)!.Value);
        foreach (var m in members.Take(members.Count / 2 + 1))
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.VoteAsync(m));
        }

        var published = await actors.WaitForAsync("Publication");
        await CheckAsync(CycleStage.Publication, CycleActors.Round(published)!.Value);
        using (var objection = await http.SendAsync(await RequestAsync(host, EndpointCatalog.All.Single(e => e.Name == "FileObjection"), department, person.Id, member, 1)))
        {
            Assert.Equal(HttpStatusCode.Accepted, objection.StatusCode);
        }

        var reviewing = await actors.WaitForAsync("ObjectionReview", TimeSpan.FromMinutes(2));
        await CheckAsync(CycleStage.ObjectionReview, CycleActors.Round(reviewing)!.Value);
        Assert.Equal(HttpStatusCode.Accepted, await actors.ReviewObjectionsAsync());

        await actors.WaitForAsync("Completed");
        await CheckAsync(CycleStage.Final, 1);

        Assert.Equal(stageBound.Select(e => e.Name).Order(StringComparer.Ordinal), tried.Order(StringComparer.Ordinal));
    }

    /// <summary>A request of the entry by a caller its rule lets through, with a body its action would take at its own stage.</summary>
    private static async Task<HttpRequestMessage> RequestAsync(SelfHostProcess host, EndpointEntry entry, string department, string person, string member, int round)
    {
        var route = Route(entry, department, person);
        var office = CycleFixture.Office;
        var request = entry.Name switch
        {
            "SubmitSelfEvaluation" => Requests.As(await host.TokenAsync($"head-{department}", Role.DepartmentHead, office, department),
                Requests.JsonBody(HttpMethod.Post, route, new SubmissionRequest(null, null))),
            "SubmitSelfEvaluationOfPerson" => Requests.As(await host.TokenAsync(person, Role.Staff, office),
                Requests.JsonBody(HttpMethod.Post, route, new SelfEvaluationRequest("本季度办案情况", 90, null))),
            "ReviewSelfEvaluation" => Requests.As(await host.TokenAsync($"head-{department}", Role.DepartmentHead, office, department),
                Requests.JsonBody(HttpMethod.Post, route, new SelfEvaluationReviewRequest(true, null, 1))),
            "VerifySubmission" => Requests.As(await host.TokenAsync("appraisal-office", Role.AppraisalOffice, office),
                Requests.JsonBody(HttpMethod.Post, route, new VerificationRequest(VerificationAction.Accept, null))),
            "DecideScheme" => Requests.As(await host.TokenAsync(member.Length > 0 ? member : "E0001", Role.PartyGroup, office),
                Requests.JsonBody(HttpMethod.Post, route, new SchemeDecisionRequest(null))),
            "CastVote" => Requests.As(await host.TokenAsync(member.Length > 0 ? member : "E0001", Role.PartyGroup, office),
                Requests.JsonBody(HttpMethod.Post, route, new VoteRequest(true, null, Math.Max(round, 1)))),
            "FileObjection" => Requests.As(await host.TokenAsync(person, Role.Staff, office),
                Requests.JsonBody(HttpMethod.Post, route, new ObjectionRequest(person, "办案数量统计有误"))),
            "ReviewObjections" => Requests.As(await host.TokenAsync("appraisal-office", Role.AppraisalOffice, office),
                Requests.JsonBody(HttpMethod.Post, route, new ObjectionReviewRequest([]))),
            "EnterPaperRatings" => Requests.As(await host.TokenAsync("appraisal-office", Role.AppraisalOffice, office),
                Requests.JsonBody(HttpMethod.Put, route, new Workflow.Actions.PaperRatingRequest(person, "conduct-evaluation", "colleagues", 20, 85m))),
            _ => throw new InvalidOperationException($"{entry.Name} is bound to a stage but the stage matrix has no request for it: add one"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return request;
    }

    private static string Route(EndpointEntry entry, string department, string person) => "api/" + entry.Route
        .Replace("{officeId}", CycleFixture.Office, StringComparison.Ordinal)
        .Replace("{period}", Period, StringComparison.Ordinal)
        .Replace("{departmentId}", department, StringComparison.Ordinal)
        .Replace("{personId}", person, StringComparison.Ordinal);

    /// <summary>What the task hub holds for the cycle: its history rows, and the messages waiting in the hub's queues.</summary>
    /// <summary>The cycle's history and waiting messages once they have stayed the same for two seconds (at most 30 s).</summary>
    private static async Task<string> QuietHubAsync(string hub, string instanceId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var last = await HubAsync(hub, instanceId);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var now = await HubAsync(hub, instanceId);
            if (now == last)
            {
                return now;
            }

            last = now;
        }

        return last;
    }

    private static async Task<string> HubAsync(string hub, string instanceId)
    {
        var history = new TableServiceClient(AzuriteFixture.ConnectionString).GetTableClient(hub + "History");
        var rows = new List<string>();
        await foreach (var row in history.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId, select: ["RowKey", "EventType"]))
        {
            rows.Add($"{row.RowKey}:{row.GetString("EventType")}");
        }

        var queues = new QueueServiceClient(AzuriteFixture.ConnectionString);
        var waiting = new List<string>();
        await foreach (var queue in queues.GetQueuesAsync(prefix: hub.ToLowerInvariant()))
        {
            var peeked = await queues.GetQueueClient(queue.Name).PeekMessagesAsync(32);
            waiting.AddRange(peeked.Value.Select(m => $"{queue.Name}:{JsonDocument.Parse(m.Body).RootElement}"));
        }

        return $"{string.Join(",", rows)}|{string.Join(",", waiting)}";
    }
}
