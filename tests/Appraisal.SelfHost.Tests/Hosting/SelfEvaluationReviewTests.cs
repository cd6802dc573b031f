using System.Net;
using System.Text.Json;
using Appraisal.Domain.Organisation;
using Appraisal.Storage.Audit;
using Appraisal.Storage.SelfEvaluations;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Http;
using Appraisal.Workflow.Identity;
using Microsoft.Playwright;
using static Appraisal.SelfHost.Tests.Hosting.Requests;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The department head reviews the people's self-evaluations on the department's sheet, in headless Chromium
/// with JavaScript off: a return without a reason is refused beside that person's row (nothing stored, the entry
/// kept); returned with one (stored and audited), the person finds it on their to-do list and their form with the
/// reason, revises it; the head's review of the old revision is refused (409, nothing stored) and the revision is
/// accepted. Heads of other departments and staff are refused; at verification the form is refused too.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SelfEvaluationReviewTests
{
    private const string Period = "2026-Q1";

    private const string Reason = "述职内容未写明本季度办案数量，请补充后重新提交。";

    [Fact]
    public async Task TheHead_ReturnsASelfEvaluationWithAReason_ThePersonRevisesIt_AndTheHeadAcceptsTheRevision()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Rev" + fixture.Prefix[2..]);
        await host.StartAsync();
        using var actors = fixture.Actors(host, Period);
        using var http = new HttpClient { BaseAddress = host.Url };
        Assert.Equal(HttpStatusCode.Accepted, (await actors.StartAsync(new CycleStart(CycleFixture.Office, Period, SelfEvaluationTime: TimeSpan.FromMinutes(10), RemindBefore: TimeSpan.Zero))).StatusCode);
        await actors.WaitForAsync("SelfEvaluation");
        var org = fixture.Sample.Organisation;
        var person = org.People.First(p => p.DepartmentId == "D02" && p.Post == LeadershipPost.None);
        var head = org.People.First(p => p.DepartmentId == "D02" && p.Post == LeadershipPost.DepartmentHead);
        var otherHead = org.People.First(p => p.DepartmentId == "D03" && p.Post == LeadershipPost.DepartmentHead);
        var repository = new SelfEvaluationRepository(fixture.Account);
        async Task<SelfEvaluationRecord> StoredAsync() => (await repository.GetAsync(CycleFixture.Office, Period, "D02", person.Id))!.Value;
        var row = $"selfreview-{person.Id}";
        var sheet = $"/api/pages/cycles/{CycleFixture.Office}/{Period}/departments/D02/submission";
        var review = $"api/cycles/{CycleFixture.Office}/{Period}/self-evaluations/{person.Id}/review";

        // The person submits their self-evaluation through their form.
        await using var personContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var personPage = await personContext.NewPageAsync();
        await Chromium.SignInAsync(personPage, await host.TokenAsync(person.Id, Role.Staff, CycleFixture.Office, "D02"), $"/api/pages/cycles/{CycleFixture.Office}/{Period}/self-evaluation");
        await personPage.FillAsync("#summary", "本季度认真履职，完成各项工作任务。");
        await personPage.FillAsync("#selfScore", "95");
        Assert.Equal(200, (await Chromium.SubmitAsync(personPage, "button[value=submit]")).Status);
        Assert.Equal((1, (SelfEvaluationReview?)null), ((await StoredAsync()).Revision, (await StoredAsync()).Review));

        // The head sees it awaiting review; a return without a reason is refused beside that row, nothing stored.
        await using var headContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var headPage = await headContext.NewPageAsync();
        await Chromium.SignInAsync(headPage, await host.TokenAsync(head.Id, Role.DepartmentHead, CycleFixture.Office, "D02"), sheet);
        Assert.Equal("待审核", (await headPage.InnerTextAsync($"[id='{row}-status']")).Trim());
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        var noReason = await Chromium.SubmitAsync(headPage, $"[id='{row}'] button[value=return]");
        Assert.Equal(400, noReason.Status);
        Assert.Equal("true", await headPage.GetAttributeAsync($"[id='{row}-reason']", "aria-invalid"));
        Assert.Contains("退回须说明理由", await headPage.InnerTextAsync($"[id='{row}-reason-error']"), StringComparison.Ordinal);
        Assert.Equal($"{row}-reason", await headPage.GetAttributeAsync("#errors li", "data-field"));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.AssertShownAccessibleAsync(headPage);
        await Chromium.ScreenshotAsync(headPage, "self-review-no-reason");

        // Returned with a reason: back to the sheet with a notice; stored for revision 1 and audited with the reason.
        await headPage.FillAsync($"[id='{row}-reason']", Reason);
        Assert.Equal(303, (await Chromium.SubmitAsync(headPage, $"[id='{row}'] button[value=return]")).Status);
        await Chromium.WaitForUrlAsync(headPage, "**/submission?reviewed=*");
        Assert.Contains($"已将{person.Name}的个人自评（第 1 版）退回本人修改", await headPage.InnerTextAsync("[role=status]"), StringComparison.Ordinal);
        Assert.Contains(Reason, await headPage.InnerTextAsync($"[id='{row}-status']"), StringComparison.Ordinal);
        var returned = await StoredAsync();
        Assert.Equal((1, SelfEvaluationReview.Returned, Reason, head.Id), (returned.Revision, returned.Review, returned.ReviewReason, returned.ReviewedBy));
        var audit = new AuditLog(fixture.Account);
        var returnedEntry = Assert.Single(await audit.ReadAsync(CycleFixture.Office, Period), e => e.Action == "self-evaluation.returned");
        Assert.Equal((head.Id, $"{person.Id}/1"), (returnedEntry.Actor, returnedEntry.Target));
        Assert.Equal(Reason, JsonDocument.Parse(returnedEntry.After!).RootElement.GetProperty("reason").GetString());
        await Chromium.AssertAccessibleAsync(headPage);
        await Chromium.ScreenshotAsync(headPage, "self-review-returned");

        // The person: the returned item on their to-do list, the reason on their form; they revise it (revision 2).
        await personPage.GotoAsync("/api/pages/todo");
        var task = personPage.GetByRole(AriaRole.Link, new() { Name = "修改个人自评（已被部门负责人退回）" });
        Assert.Equal(1, await task.CountAsync());
        await task.ClickAsync();
        await Chromium.WaitForUrlAsync(personPage, "**/self-evaluation");
        Assert.Contains(Reason.TrimEnd('。'), await personPage.InnerTextAsync("#review-returned"), StringComparison.Ordinal);
        await Chromium.AssertAccessibleAsync(personPage);
        await Chromium.ScreenshotAsync(personPage, "self-review-person-returned");
        await personPage.FillAsync("#summary", "本季度办理审查起诉案件 16 件，无超期，完成各项工作任务。");
        Assert.Equal(200, (await Chromium.SubmitAsync(personPage, "button[value=submit]")).Status);
        Assert.Contains("已提交（第 2 版）", await personPage.InnerTextAsync("[role=status]"), StringComparison.Ordinal);
        var revised = await StoredAsync();
        Assert.Equal((2, (SelfEvaluationReview?)null, (string?)null), (revised.Revision, revised.Review, revised.ReviewReason));

        // The head's page still shows revision 1: accepting it is refused (409) beside the row, nothing stored; the
        // sheet shown again has revision 2 awaiting review. The same through the API.
        before = await StorageSnapshot.TakeAsync(fixture.Account);
        var stale = await Chromium.SubmitAsync(headPage, $"[id='{row}'] button[value=accept]");
        Assert.Equal(409, stale.Status);
        Assert.Contains("第 2 版", await headPage.InnerTextAsync($"[id='{row}-error']"), StringComparison.Ordinal);
        Assert.Equal("待审核", (await headPage.InnerTextAsync($"[id='{row}-status']")).Trim());
        Assert.Equal("2", await headPage.InputValueAsync($"[id='{row}'] input[name=revision]"));
        var headToken = await host.TokenAsync(head.Id, Role.DepartmentHead, CycleFixture.Office, "D02");
        var staffToken = await host.TokenAsync(person.Id, Role.Staff, CycleFixture.Office, "D02");
        var otherToken = await host.TokenAsync(otherHead.Id, Role.DepartmentHead, CycleFixture.Office, "D03");
        (string, HttpRequestMessage, HttpStatusCode, string?)[] refusals =
        [
            ("a review of revision 1 after revision 2", As(headToken, JsonBody(HttpMethod.Post, review, new SelfEvaluationReviewRequest(true, null, 1))), HttpStatusCode.Conflict, "revision"),
            ("a review without its revision", As(headToken, JsonBody(HttpMethod.Post, review, new SelfEvaluationReviewRequest(true, null, null))), HttpStatusCode.BadRequest, "revision"),
            ("a return without a reason", As(headToken, JsonBody(HttpMethod.Post, review, new SelfEvaluationReviewRequest(false, "  ", 2))), HttpStatusCode.BadRequest, "reason"),
            ("a reason too long", As(headToken, JsonBody(HttpMethod.Post, review, new SelfEvaluationReviewRequest(false, new string('字', 2001), 2))), HttpStatusCode.BadRequest, "reason"),
            ("a reason with a control character", As(headToken, JsonBody(HttpMethod.Post, review, new SelfEvaluationReviewRequest(false, "请补充\u0007", 2))), HttpStatusCode.BadRequest, "reason"),
            ("by the head of another department", As(otherToken, JsonBody(HttpMethod.Post, review, new SelfEvaluationReviewRequest(true, null, 2))), HttpStatusCode.Forbidden, Access.Field),
            ("by the person (staff)", As(staffToken, JsonBody(HttpMethod.Post, review, new SelfEvaluationReviewRequest(true, null, 2))), HttpStatusCode.Forbidden, Access.Field),
            ("the head's own", As(headToken, JsonBody(HttpMethod.Post, $"api/cycles/{CycleFixture.Office}/{Period}/self-evaluations/{head.Id}/review", new SelfEvaluationReviewRequest(true, null, 1))), HttpStatusCode.Forbidden, "personId"),
            ("of someone who submitted none", As(headToken, JsonBody(HttpMethod.Post, $"api/cycles/{CycleFixture.Office}/{Period}/self-evaluations/{org.People.Last(p => p.DepartmentId == "D02").Id}/review",
                new SelfEvaluationReviewRequest(true, null, 1))), HttpStatusCode.NotFound, "personId"),
        ];
        Assert.Equal(refusals.Length, await AssertRefusedAsync(http, refusals));

        // The review form posted by another department's head and by the person: refused before the form is read.
        await using (var otherContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() }))
        {
            var otherPage = await otherContext.NewPageAsync();
            await Chromium.SignInAsync(otherPage, otherToken, "/api/pages/todo");
            var posted = await otherContext.APIRequest.PostAsync($"/api/pages/cycles/{CycleFixture.Office}/{Period}/departments/D02/self-evaluations/{person.Id}/review",
                new APIRequestContextOptions { Form = otherContext.APIRequest.CreateFormData().Set("decision", "accept").Set("revision", "2") });
            Assert.Equal(403, posted.Status);
        }

        var byStaff = await personContext.APIRequest.PostAsync($"/api/pages/cycles/{CycleFixture.Office}/{Period}/departments/D02/self-evaluations/{person.Id}/review",
            new APIRequestContextOptions { Form = personContext.APIRequest.CreateFormData().Set("decision", "accept").Set("revision", "2") });
        Assert.Equal(403, byStaff.Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.AssertShownAccessibleAsync(headPage);
        await Chromium.ScreenshotAsync(headPage, "self-review-stale");

        // Revision 2 accepted: stored, audited, and the returned item leaves the person's list.
        Assert.Equal(303, (await Chromium.SubmitAsync(headPage, $"[id='{row}'] button[value=accept]")).Status);
        await Chromium.WaitForUrlAsync(headPage, "**/submission?reviewed=*");
        Assert.Contains($"已接受{person.Name}的个人自评（第 2 版）", await headPage.InnerTextAsync("[role=status]"), StringComparison.Ordinal);
        var accepted = await StoredAsync();
        Assert.Equal((2, SelfEvaluationReview.Accepted, (string?)null, head.Id), (accepted.Revision, accepted.Review, accepted.ReviewReason, accepted.ReviewedBy));
        var acceptedEntry = Assert.Single(await audit.ReadAsync(CycleFixture.Office, Period), e => e.Action == "self-evaluation.accepted");
        Assert.Equal((head.Id, $"{person.Id}/2"), (acceptedEntry.Actor, acceptedEntry.Target));
        await Chromium.AssertAccessibleAsync(headPage);
        await Chromium.ScreenshotAsync(headPage, "self-review-accepted");
        await personPage.GotoAsync("/api/pages/todo");
        Assert.Equal(0, await personPage.GetByRole(AriaRole.Link, new() { Name = "修改个人自评（已被部门负责人退回）" }).CountAsync());
        await personPage.GotoAsync($"/api/pages/cycles/{CycleFixture.Office}/{Period}/self-evaluation");
        Assert.Contains("已接受您的第 2 版自评", await personPage.InnerTextAsync("#review-accepted"), StringComparison.Ordinal);

        // Once every department has submitted, the cycle is at verification: the review form is refused (409), nothing stored.
        var antiForgery = await headPage.InputValueAsync($"[id='{row}'] input[name=af]");
        foreach (var d in org.Departments)
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.SubmitWhenOpenAsync(d.Id));
        }

        await actors.WaitForAsync("Verification");
        before = await StorageSnapshot.TakeAsync(fixture.Account);
        var late = await headContext.APIRequest.PostAsync($"/api/pages/cycles/{CycleFixture.Office}/{Period}/departments/D02/self-evaluations/{person.Id}/review",
            new APIRequestContextOptions { Form = headContext.APIRequest.CreateFormData().Set("af", antiForgery).Set("decision", "return").Set("reason", Reason).Set("revision", "2") });
        Assert.Equal(409, late.Status);
        Assert.Contains("data-field=\"selfreview-", await late.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
    }
}
