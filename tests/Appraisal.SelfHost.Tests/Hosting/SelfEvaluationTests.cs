using System.Net;
using System.Text.Json;
using Appraisal.Storage.SelfEvaluations;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;
using static Appraisal.SelfHost.Tests.Hosting.Requests;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>People's own self-evaluations on a running self-host: stored once per Idempotency-Key (a retry changes
/// nothing), revised under a new key, read by the department head; refused with their problem — someone else's,
/// out-of-range scores, unknown evidence, a key reused for another text, after the deadline — leaving storage as it was.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SelfEvaluationTests
{
    private const string Period = "2026-Q1";

    [Fact]
    public async Task OwnSelfEvaluation_IsStoredOncePerKey_RevisedUnderANewOne_AndRefusalsChangeNothing()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Self" + fixture.Prefix[2..]);
        await host.StartAsync();
        using var actors = fixture.Actors(host, Period);
        using var http = new HttpClient { BaseAddress = host.Url };
        Assert.Equal(HttpStatusCode.Accepted, (await actors.StartAsync(new CycleStart(CycleFixture.Office, Period, SelfEvaluationTime: TimeSpan.FromMinutes(10), RemindBefore: TimeSpan.Zero))).StatusCode);
        await actors.WaitForAsync("SelfEvaluation");

        var person = fixture.Sample.Organisation.People.First(p => p.Post == Appraisal.Domain.Organisation.LeadershipPost.None);
        var colleague = fixture.Sample.Organisation.People.First(p => p.DepartmentId == person.DepartmentId && p.Id != person.Id);
        var staff = await host.TokenAsync(person.Id, Role.Staff, CycleFixture.Office);
        var path = $"api/cycles/{CycleFixture.Office}/{Period}/people/{person.Id}/self-evaluation";
        HttpRequestMessage Submit(string key, object body, string? as_ = null) =>
            As(as_ ?? staff, WithKey(key, JsonBody(HttpMethod.Post, path, body)));

        using (var first = await http.SendAsync(Submit("k-1", new SelfEvaluationRequest("本季度办理审查起诉案件 14 件，无超期。", 92.5m, null))))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using (var retry = await http.SendAsync(Submit("k-1", new SelfEvaluationRequest("本季度办理审查起诉案件 14 件，无超期。", 92.5m, null))))
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            Assert.Equal("Repeated", JsonDocument.Parse(await retry.Content.ReadAsStringAsync()).RootElement.GetProperty("outcome").GetString());
        }

        // Files of another department and of another office: not the person's to cite, refused like a hash never uploaded.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. System.Text.Encoding.ASCII.GetBytes("another department's scan")];
        var otherDepartment = fixture.Sample.Organisation.Departments.First(d => d.Id != person.DepartmentId).Id;
        var store = new Appraisal.Storage.Evidence.EvidenceStore(fixture.Account);
        var theirs = (await store.PutAsync(new MemoryStream(png), "scan.png", new Appraisal.Storage.Evidence.EvidenceUpload("head-x", DateTimeOffset.UtcNow, CycleFixture.Office, otherDepartment, Period))).Sha256;
        var elsewhere = (await store.PutAsync(new MemoryStream([.. png, 1]), "scan.png", new Appraisal.Storage.Evidence.EvidenceUpload("head-y", DateTimeOffset.UtcNow, "another-office", person.DepartmentId, Period))).Sha256;
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        (string, HttpRequestMessage, HttpStatusCode, string?)[] refusals =
        [
            ("the same key for another text", Submit("k-1", new SelfEvaluationRequest("另一份自评", 80, null)), (HttpStatusCode)422, "Idempotency-Key"),
            ("someone else's", As(await host.TokenAsync(colleague.Id, Role.Staff, CycleFixture.Office), WithKey("k-x", JsonBody(HttpMethod.Post, path, new SelfEvaluationRequest("代写", 90, null)))), HttpStatusCode.Forbidden, "personId"),
            ("a score over 100", Submit("k-2", new SelfEvaluationRequest("自评", 150, null)), (HttpStatusCode)422, "selfScore"),
            ("a score below 0", Submit("k-2", new SelfEvaluationRequest("自评", -1, null)), (HttpStatusCode)422, "selfScore"),
            ("a score with three decimals", Submit("k-2", new SelfEvaluationRequest("自评", 90.125m, null)), (HttpStatusCode)422, "selfScore"),
            ("no summary", Submit("k-2", new SelfEvaluationRequest(" ", 90, null)), HttpStatusCode.BadRequest, "summary"),
            ("a summary too long", Submit("k-2", new SelfEvaluationRequest(new string('字', Appraisal.Workflow.Actions.SelfEvaluationActions.MaxSummaryLength + 1), 90, null)), HttpStatusCode.BadRequest, "summary"),
            ("a summary with a control character", Submit("k-2", new SelfEvaluationRequest("本季度\u001b[2J完成", 90, null)), HttpStatusCode.BadRequest, "summary"),
            ("evidence that is no hash", Submit("k-2", new SelfEvaluationRequest("自评", 90, ["scan.pdf"])), HttpStatusCode.BadRequest, "evidence[0]"),
            ("evidence never uploaded", Submit("k-2", new SelfEvaluationRequest("自评", 90, [new string('b', 64)])), (HttpStatusCode)422, "evidence[0]"),
            ("evidence of another department", Submit("k-2", new SelfEvaluationRequest("自评", 90, [theirs])), (HttpStatusCode)422, "evidence[0]"),
            ("evidence of another office", Submit("k-2", new SelfEvaluationRequest("自评", 90, [elsewhere])), (HttpStatusCode)422, "evidence[0]"),
            ("a score that is text", As(staff, Raw(HttpMethod.Post, path, "{\"summary\": \"自评\", \"selfScore\": \"九十\"}", "application/json")), HttpStatusCode.BadRequest, "$.selfScore"),
            ("a key with a slash", Submit("a/b", new SelfEvaluationRequest("自评", 90, null)), HttpStatusCode.BadRequest, "Idempotency-Key"),
            ("for a month", As(staff, JsonBody(HttpMethod.Post, $"api/cycles/{CycleFixture.Office}/2026-M01/people/{person.Id}/self-evaluation", new SelfEvaluationRequest("自评", 90, null))), HttpStatusCode.BadRequest, "period"),
            ("for a cycle not started", As(staff, JsonBody(HttpMethod.Post, $"api/cycles/{CycleFixture.Office}/2026-Q3/people/{person.Id}/self-evaluation", new SelfEvaluationRequest("自评", 90, null))), HttpStatusCode.NotFound, "period"),
            ("by someone not in the office", As(await host.TokenAsync("NO-ONE", Role.Staff, CycleFixture.Office), JsonBody(HttpMethod.Post, $"api/cycles/{CycleFixture.Office}/{Period}/people/NO-ONE/self-evaluation", new SelfEvaluationRequest("自评", 90, null))), HttpStatusCode.NotFound, "personId"),
            ("by the appraisal office", As(await actors.OfficeTokenAsync(), JsonBody(HttpMethod.Post, path, new SelfEvaluationRequest("自评", 90, null))), HttpStatusCode.Forbidden, "Authorization"),
            ("read by another department's head", As(await host.TokenAsync("head-x", Role.DepartmentHead, CycleFixture.Office, "D99"), new HttpRequestMessage(HttpMethod.Get, $"api/cycles/{CycleFixture.Office}/{Period}/departments/{person.DepartmentId}/self-evaluations")), HttpStatusCode.Forbidden, "Authorization"),
            ("read by staff", As(staff, new HttpRequestMessage(HttpMethod.Get, $"api/cycles/{CycleFixture.Office}/{Period}/departments/{person.DepartmentId}/self-evaluations")), HttpStatusCode.Forbidden, "Authorization"),
        ];
        Assert.Equal(refusals.Length, await AssertRefusedAsync(http, refusals));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));

        // A new key revises it; the department head reads the revision.
        using (var revised = await http.SendAsync(Submit("k-3", new SelfEvaluationRequest("修订：本季度办理审查起诉案件 15 件。", 93, null))))
        {
            Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
            Assert.Equal(2, JsonDocument.Parse(await revised.Content.ReadAsStringAsync()).RootElement.GetProperty("revision").GetInt32());
        }

        var head = await host.TokenAsync("head-1", Role.DepartmentHead, CycleFixture.Office, person.DepartmentId);
        using var list = await http.SendAsync(As(head, new HttpRequestMessage(HttpMethod.Get, $"api/cycles/{CycleFixture.Office}/{Period}/departments/{person.DepartmentId}/self-evaluations")));
        var read = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement;
        var only = Assert.Single(read.GetProperty("selfEvaluations").EnumerateArray());
        Assert.Equal(93, only.GetProperty("selfScore").GetDecimal());
        Assert.Equal("修订：本季度办理审查起诉案件 15 件。", only.GetProperty("summary").GetString());
        var stored = await new SelfEvaluationRepository(fixture.Account).ForDepartmentAsync(CycleFixture.Office, Period, person.DepartmentId);
        Assert.Equal(("k-3", 2), (Assert.Single(stored).Value.IdempotencyKey, stored[0].Value.Revision));

        // A file its department head uploaded for the person's department is theirs to cite.
        var ours = (await store.PutAsync(new MemoryStream([.. png, 2]), "scan.png", new Appraisal.Storage.Evidence.EvidenceUpload("head-1", DateTimeOffset.UtcNow, CycleFixture.Office, person.DepartmentId, Period))).Sha256;
        using (var cited = await http.SendAsync(Submit("k-4", new SelfEvaluationRequest("附本部门证明材料。", 93, [ours]))))
        {
            Assert.Equal(HttpStatusCode.OK, cited.StatusCode);
        }

        Assert.Equal([ours], (await new SelfEvaluationRepository(fixture.Account).ForDepartmentAsync(CycleFixture.Office, Period, person.DepartmentId)).Single().Value.Evidence);
    }

    [Fact]
    public async Task SelfEvaluation_AfterTheDeadline_IsRefused()
    {
        const string period = "2026-Q2";
        var fixture = await CycleFixture.CreateAsync(period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Late" + fixture.Prefix[2..]);
        await host.StartAsync();
        using var actors = fixture.Actors(host, period);
        using var http = new HttpClient { BaseAddress = host.Url };
        Assert.Equal(HttpStatusCode.Accepted, (await actors.StartAsync(new CycleStart(CycleFixture.Office, period, SelfEvaluationTime: TimeSpan.FromSeconds(2), RemindBefore: TimeSpan.Zero))).StatusCode);
        await actors.WaitForAsync("SelfEvaluation");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var person = fixture.Sample.Organisation.People[5];
        await AssertRefusedAsync(http,
        [
            ("after the deadline", As(await host.TokenAsync(person.Id, Role.Staff, CycleFixture.Office),
                JsonBody(HttpMethod.Post, $"api/cycles/{CycleFixture.Office}/{period}/people/{person.Id}/self-evaluation", new SelfEvaluationRequest("迟交的自评", 90, null))), HttpStatusCode.Conflict, "period"),
        ]);
        // The cycle goes on (escalations are stored), so only the self-evaluations are compared: none.
        Assert.Empty(await new SelfEvaluationRepository(fixture.Account).ForDepartmentAsync(CycleFixture.Office, period, person.DepartmentId));
    }

    private static HttpRequestMessage WithKey(string key, HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return request;
    }
}
