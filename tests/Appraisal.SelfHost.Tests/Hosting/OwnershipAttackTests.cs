using System.Net;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Schemes.Json;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Province;
using static Appraisal.SelfHost.Tests.Hosting.Requests;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>Holes an attacker inside the office network would try, each shut: another office's scheme read, edited,
/// submitted, taken over by id or started a cycle with; a draft never submitted decided by the Party group; a province
/// started by an administrator of one office. Every refusal changes nothing in storage.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OwnershipAttackTests
{
    private const string Period = "2026-Q2";

    [Fact]
    public async Task AnotherOfficesScheme_AndADraftNeverSubmitted_AndAProvinceFromOneOffice_AreRefused()
    {
        var fixture = await CycleFixture.CreateAsync(Period, CycleFixture.Office, "office-b");
        await using var host = new SelfHostProcess(fixture.Prefix, "Own" + fixture.Prefix[2..]);
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Url };
        var ours = await host.TokenAsync("office-a", Role.AppraisalOffice, CycleFixture.Office);
        var theirs = await host.TokenAsync("office-b", Role.AppraisalOffice, "office-b");
        var draft = SchemeTemplates.Load("B") with { Id = "sample-basic-2026" };
        using (var created = await http.SendAsync(As(ours, Raw(HttpMethod.Post, "api/schemes", SchemeDocument.Write(draft), "application/json"))))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var etag = (await new SchemeRepository(fixture.Account).GetAsync(draft.Id, draft.Version))!.ETag.ToString();
        Assert.Equal(CycleFixture.Office, (await new SchemeRepository(fixture.Account).GetAsync(draft.Id, draft.Version))!.OfficeId);
        var path = $"api/schemes/{draft.Id}/versions/{draft.Version}";
        var officeAdmin = await host.TokenAsync("admin-b", Role.Administrator, "office-b");
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        (string, HttpRequestMessage, HttpStatusCode, string?)[] attacks =
        [
            ("another office lists its versions", As(theirs, new HttpRequestMessage(HttpMethod.Get, $"api/schemes/{draft.Id}/versions")), HttpStatusCode.NotFound, "schemeId"),
            ("another office reads a version", As(theirs, new HttpRequestMessage(HttpMethod.Get, path)), HttpStatusCode.NotFound, "version"),
            ("another office edits it", As(theirs, IfMatch(etag, Raw(HttpMethod.Put, path, SchemeDocument.Write(draft), "application/json"))), HttpStatusCode.NotFound, "version"),
            ("another office submits it", As(theirs, IfMatch(etag, new HttpRequestMessage(HttpMethod.Post, path + "/submission"))), HttpStatusCode.NotFound, "version"),
            ("another office adds a version under its id", As(theirs, Raw(HttpMethod.Post, "api/schemes", SchemeDocument.Write(draft with { Version = 2 }), "application/json")), HttpStatusCode.Conflict, "id"),
            ("another office starts a cycle with it", As(theirs, JsonBody(HttpMethod.Post, "api/cycles", new CycleStart("office-b", Period, draft.Id))), HttpStatusCode.NotFound, "schemeId"),
            ("an office edits a ready-made scheme", As(ours, IfMatch("\"x\"", Raw(HttpMethod.Put, $"api/schemes/{fixture.Scheme.Id}/versions/{fixture.Scheme.Version}", SchemeDocument.Write(fixture.Scheme), "application/json"))), HttpStatusCode.Conflict, "schemeId"),
            ("an office's administrator starts a province", As(officeAdmin, JsonBody(HttpMethod.Post, "api/provinces/cycles", new ProvinceStart("p-own", Period))), HttpStatusCode.Forbidden, "Authorization"),
            ("an office's administrator reads a province", As(officeAdmin, new HttpRequestMessage(HttpMethod.Get, $"api/provinces/p-own/{Period}")), HttpStatusCode.Forbidden, "Authorization"),
        ];
        Assert.Equal(attacks.Length, await AssertRefusedAsync(http, attacks));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));

        // Our own cycle under the draft never submitted: the Party group is asked, but cannot decide a draft.
        using var actors = fixture.Actors(host, Period);
        Assert.Equal(HttpStatusCode.Accepted, (await actors.StartAsync(new CycleStart(CycleFixture.Office, Period, draft.Id, SelfEvaluationTime: TimeSpan.FromMinutes(10)))).StatusCode);
        var members = CycleActors.Awaiting(await actors.WaitForAsync("SchemeDecision"));
        var member = await host.TokenAsync(members[0], Role.PartyGroup, CycleFixture.Office);
        var outsider = await host.TokenAsync("E0100", Role.PartyGroup, CycleFixture.Office);
        var pending = await StorageSnapshot.TakeAsync(fixture.Account);
        Assert.Equal(2, await AssertRefusedAsync(http,
        [
            ("a draft never submitted decided", As(member, JsonBody(HttpMethod.Post, $"{actors.Path}/scheme-decision", new SchemeDecisionRequest(draft.Version))), HttpStatusCode.Conflict, "schemeVersion"),
            ("decided by one not of the Party group", As(outsider, JsonBody(HttpMethod.Post, $"{actors.Path}/scheme-decision", new SchemeDecisionRequest(null))), HttpStatusCode.Conflict, Access.Field),
        ]));
        Assert.Equal(pending, await StorageSnapshot.TakeAsync(fixture.Account));

        // Submitted by its office, it is decided — and the decider recorded is the member who signed in.
        using (var submitted = await http.SendAsync(As(ours, IfMatch(etag, new HttpRequestMessage(HttpMethod.Post, path + "/submission")))))
        {
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        using (var decided = await http.SendAsync(As(member, JsonBody(HttpMethod.Post, $"{actors.Path}/scheme-decision", new SchemeDecisionRequest(null)))))
        {
            Assert.Equal(HttpStatusCode.Accepted, decided.StatusCode);
        }

        var stored = (await new SchemeRepository(fixture.Account).GetAsync(draft.Id, draft.Version))!;
        Assert.Equal((SchemeStatus.Decided, members[0]), (stored.Status, stored.DecidedBy));
        await actors.WaitForAsync("SelfEvaluation");
    }
}
