using System.Net;
using System.Text.Json;
using Appraisal.Domain.Calendar;
using Appraisal.Workflow.Calendar;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Province;
using Appraisal.Workflow.Schedules;

using static Appraisal.SelfHost.Tests.Hosting.Requests;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The cycle endpoints of a running self-host: a start twice starts one cycle; bad requests are refused with
/// their RFC 9457 problem, naming the field, and leave storage exactly as it was (cycle and province starts alike).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CycleEndpointTests
{
    private const string Period = "2026-Q1";

    [Fact]
    public async Task StartTwice_StartsOneCycle_AndRefusalsChangeNothing()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Api" + fixture.Prefix[2..]);
        await host.StartAsync();
        using var actors = fixture.Actors(host, Period);
        using var http = new HttpClient { BaseAddress = host.Url };
        var start = new CycleStart(CycleFixture.Office, Period, SelfEvaluationTime: TimeSpan.FromMinutes(10), RemindBefore: TimeSpan.Zero);

        var first = await actors.StartAsync(start);
        var second = await actors.StartAsync(start);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("started").GetBoolean());
        await actors.WaitForAsync("SelfEvaluation");

        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        var path = actors.Path;
        var department = fixture.Sample.Organisation.Departments[1].Id;
        var stranger = fixture.Sample.Organisation.People.First(p => p.DepartmentId != department && p.Post == Appraisal.Domain.Organisation.LeadershipPost.None && fixture.Sample.Ratings[fixture.Scheme.Id].Any(r => r.SubjectId == p.Id));
        var office = await actors.OfficeTokenAsync();
        var head = await host.TokenAsync("head", Role.DepartmentHead, CycleFixture.Office, department);
        var stranger99 = await host.TokenAsync("head", Role.DepartmentHead, CycleFixture.Office, "D99");
        var admin = await host.TokenAsync("admin", Role.Administrator, null);
        var objector = await host.TokenAsync(stranger.Id, Role.Staff, CycleFixture.Office);
        var cases = new (string Name, HttpRequestMessage Request, HttpStatusCode Status, string? Field)[]
        {
            ("unknown office", As(await host.TokenAsync("x", Role.AppraisalOffice, "no-such-office"), JsonBody(HttpMethod.Post, "api/cycles", new CycleStart("no-such-office", Period))), HttpStatusCode.NotFound, "officeId"),
            ("another office's cycle", As(office, JsonBody(HttpMethod.Post, "api/cycles", new CycleStart("no-such-office", Period))), HttpStatusCode.Forbidden, "Authorization"),
            ("no sign-in", JsonBody(HttpMethod.Post, "api/cycles", new CycleStart(CycleFixture.Office, "2026-Q2")), HttpStatusCode.Unauthorized, "Authorization"),
            ("bad period", As(office, JsonBody(HttpMethod.Post, "api/cycles", new CycleStart(CycleFixture.Office, "2026-Q5"))), HttpStatusCode.BadRequest, "period"),
            ("unknown scheme", As(office, JsonBody(HttpMethod.Post, "api/cycles", new CycleStart(CycleFixture.Office, "2026-Q2", "no-such-scheme"))), HttpStatusCode.NotFound, "schemeId"),
            ("a negative self-evaluation time", As(office, JsonBody(HttpMethod.Post, "api/cycles", new CycleStart(CycleFixture.Office, "2026-Q2", SelfEvaluationTime: TimeSpan.FromDays(-1)))), HttpStatusCode.BadRequest, "selfEvaluationTime"),
            ("an objection period past its limit", As(office, JsonBody(HttpMethod.Post, "api/cycles", new CycleStart(CycleFixture.Office, "2026-Q2", ObjectionPeriod: TimeSpan.FromDays(31)))), HttpStatusCode.BadRequest, "objectionPeriod"),
            ("no time to correct", As(office, JsonBody(HttpMethod.Post, "api/cycles", new CycleStart(CycleFixture.Office, "2026-Q2", CorrectionTime: TimeSpan.Zero))), HttpStatusCode.BadRequest, "correctionTime"),
            ("a deadline years away", As(office, JsonBody(HttpMethod.Post, "api/cycles", new CycleStart(CycleFixture.Office, "2026-Q2", SelfEvaluationDeadlineUtc: new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc)))), HttpStatusCode.BadRequest, "selfEvaluationDeadlineUtc"),
            ("the longest rating time there is", As(office, JsonBody(HttpMethod.Post, "api/cycles", new CycleStart(CycleFixture.Office, "2026-Q2", RatingTime: TimeSpan.MaxValue))), HttpStatusCode.BadRequest, "ratingTime"),
            ("a megabyte-long objection", As(objector, JsonBody(HttpMethod.Post, $"{path}/objections", new ObjectionRequest(stranger.Id, new string('理', 1024 * 1024)))), HttpStatusCode.BadRequest, "reason"),
            ("an objection with a control character", As(objector, JsonBody(HttpMethod.Post, $"{path}/objections", new ObjectionRequest(stranger.Id, "结果不实\u0000"))), HttpStatusCode.BadRequest, "reason"),
            ("a vote with an escape sequence", As(await host.TokenAsync("E0001", Role.PartyGroup, CycleFixture.Office), JsonBody(HttpMethod.Post, $"{path}/votes", new VoteRequest(false, "不同意\u001b[2J", 1))), HttpStatusCode.BadRequest, "reason"),
            ("a return with a control character", As(office, JsonBody(HttpMethod.Post, $"{path}/departments/{department}/verification", new VerificationRequest(VerificationAction.Return, "请补充\u0007"))), HttpStatusCode.BadRequest, "reason"),
            ("not JSON", As(office, Raw(HttpMethod.Post, "api/cycles", "{\"officeId\": ", "application/json")), HttpStatusCode.BadRequest, null),
            ("wrong media type", As(office, Raw(HttpMethod.Post, "api/cycles", "officeId=x", "application/x-www-form-urlencoded")), HttpStatusCode.UnsupportedMediaType, null),
            ("wrong type", As(await host.TokenAsync("7", Role.PartyGroup, CycleFixture.Office), Raw(HttpMethod.Post, $"{path}/votes", "{\"round\": \"one\", \"approve\": \"yes\"}", "application/json")), HttpStatusCode.BadRequest, null),
            ("unknown department", As(stranger99, JsonBody(HttpMethod.Post, $"{path}/departments/D99/submission", new SubmissionRequest(null, null))), HttpStatusCode.NotFound, "departmentId"),
            ("another department's subject", As(head, JsonBody(HttpMethod.Post, $"{path}/departments/{department}/submission",
                new SubmissionRequest(null, $"subject_id,item_id,occurrences,evidence,note\n{stranger.Id},training-award,1,院通报〔2026〕1号,\n"))), (HttpStatusCode)422, "claims"),
            ("occurrences out of range", As(head, JsonBody(HttpMethod.Post, $"{path}/departments/{department}/submission",
                new SubmissionRequest(null, $"subject_id,item_id,occurrences,evidence,note\n{stranger.Id},training-award,0,院通报〔2026〕1号,\n"))), (HttpStatusCode)422, "claims"),
            ("ratings from the department", As(head, JsonBody(HttpMethod.Post, $"{path}/departments/{department}/submission",
                new SubmissionRequest($"subject_id,indicator_id,rater_group,rater_id,score\n{stranger.Id},conduct-evaluation,colleagues,R1,90\n", null))), (HttpStatusCode)422, "ratingsCsv"),
            ("verify before its stage", As(office, JsonBody(HttpMethod.Post, $"{path}/departments/{department}/verification", new VerificationRequest(VerificationAction.Accept, null))), HttpStatusCode.Conflict, "period"),
            ("return without reason", As(office, JsonBody(HttpMethod.Post, $"{path}/departments/{department}/verification", new VerificationRequest(VerificationAction.Return, null))), HttpStatusCode.BadRequest, "reason"),
            ("vote before the decision", As(await host.TokenAsync("E0001", Role.PartyGroup, CycleFixture.Office), JsonBody(HttpMethod.Post, $"{path}/votes", new VoteRequest(true, null, 1))), HttpStatusCode.Conflict, "period"),
            ("cycle not started", As(await host.TokenAsync("E0001", Role.PartyGroup, CycleFixture.Office), JsonBody(HttpMethod.Post, $"api/cycles/{CycleFixture.Office}/2026-Q3/votes", new VoteRequest(true, null, 1))), HttpStatusCode.NotFound, "period"),
            ("status of nothing", As(office, new HttpRequestMessage(HttpMethod.Get, $"api/cycles/{CycleFixture.Office}/2026-Q4")), HttpStatusCode.NotFound, null),
            ("province with an unknown office", As(admin, JsonBody(HttpMethod.Post, "api/provinces/cycles", new ProvinceStart("p1", Period, [CycleFixture.Office, "no-such-office"]))), HttpStatusCode.NotFound, "officeIds"),
            ("province for a month", As(admin, JsonBody(HttpMethod.Post, "api/provinces/cycles", new ProvinceStart("p1", "2026-M03"))), HttpStatusCode.BadRequest, "period"),
            ("province batch of none", As(admin, JsonBody(HttpMethod.Post, "api/provinces/cycles", new ProvinceStart("p1", Period, BatchSize: 0))), HttpStatusCode.BadRequest, "batchSize"),
            ("province id with a slash", As(admin, JsonBody(HttpMethod.Post, "api/provinces/cycles", new ProvinceStart("p/1", Period))), HttpStatusCode.BadRequest, "provinceId"),
            ("province with a negative rating time", As(admin, JsonBody(HttpMethod.Post, "api/provinces/cycles", new ProvinceStart("p1", Period, RatingTime: TimeSpan.FromDays(-1)))), HttpStatusCode.BadRequest, "ratingTime"),
            ("province with the longest objection period there is", As(admin, JsonBody(HttpMethod.Post, "api/provinces/cycles", new ProvinceStart("p1", Period, ObjectionPeriod: TimeSpan.MaxValue))), HttpStatusCode.BadRequest, "objectionPeriod"),
            ("province with a self-evaluation of a year", As(admin, JsonBody(HttpMethod.Post, "api/provinces/cycles", new ProvinceStart("p1", Period, SelfEvaluationTime: TimeSpan.FromDays(366)))), HttpStatusCode.BadRequest, "selfEvaluationTime"),
            ("province id of 65 characters", As(admin, JsonBody(HttpMethod.Post, "api/provinces/cycles", new ProvinceStart(new string('p', 65), Period))), HttpStatusCode.BadRequest, "provinceId"),
            ("province with an unknown scheme", As(admin, JsonBody(HttpMethod.Post, "api/provinces/cycles", new ProvinceStart("p1", Period, SchemeId: "no-such-scheme"))), HttpStatusCode.NotFound, "schemeId"),
            ("province status of nothing", As(admin, new HttpRequestMessage(HttpMethod.Get, $"api/provinces/p1/{Period}")), HttpStatusCode.NotFound, null),
        };

        Assert.Equal(cases.Length, await Requests.AssertRefusedAsync(http, cases));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
    }

    [Fact]
    public async Task AStartInWorkingDays_CountsTheDeadline_AndRefusesBadNotationAndLimitsAtTheirFields()
    {
        const string quarter = "2026-Q3";
        var fixture = await CycleFixture.CreateAsync(quarter);
        await using var host = new SelfHostProcess(fixture.Prefix, "Wd" + fixture.Prefix[2..]);
        await host.StartAsync();
        using var actors = fixture.Actors(host, quarter);
        using var http = new HttpClient { BaseAddress = host.Url };
        var office = await actors.OfficeTokenAsync();
        string Start(string durations) => $$"""{"officeId":"{{CycleFixture.Office}}","period":"{{quarter}}","remindBefore":"00:00:00",{{durations}}}""";

        var cases = new (string Name, HttpRequestMessage Request, HttpStatusCode Status, string? Field)[]
        {
            ("working days past the limit", As(office, Raw(HttpMethod.Post, "api/cycles", Start("\"objectionPeriod\":\"21wd\""), "application/json")), HttpStatusCode.BadRequest, "objectionPeriod"),
            ("no notation of a duration", As(office, Raw(HttpMethod.Post, "api/cycles", Start("\"objectionPeriod\":\"5 weeks\""), "application/json")), HttpStatusCode.BadRequest, "$.objectionPeriod"),
            ("half a working day", As(office, Raw(HttpMethod.Post, "api/cycles", Start("\"correctionTime\":\"0.5wd\""), "application/json")), HttpStatusCode.BadRequest, "$.correctionTime"),
        };
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        Assert.Equal(cases.Length, await Requests.AssertRefusedAsync(http, cases));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));

        // Five working days from now, in Beijing time: 24:00 of the fifth, as the status says it.
        var startedAt = DateTime.UtcNow;
        using var started = await http.SendAsync(As(office, Raw(HttpMethod.Post, "api/cycles", Start("\"selfEvaluationTime\":\"5wd\",\"objectionPeriod\":\"5 个工作日\""), "application/json")));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = await actors.WaitForAsync("SelfEvaluation");
        var until = status.GetProperty("customStatus").GetProperty("untilUtc").GetDateTime().ToUniversalTime();
        var expected = new[] { startedAt, DateTime.UtcNow }
            .Select(t => StageDeadlines.End(WorkingCalendar.Shipped, Checkpoints.Zone(), t, StageDuration.OfWorkingDays(5))).ToList();
        Assert.Contains(until, expected);
        Assert.Equal(new TimeOnly(16, 0), TimeOnly.FromDateTime(until));
    }
}
