using System.Net;
using Appraisal.Domain.Schemes;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Scorecards;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>An objection filed as a person would, in headless Chromium with JavaScript off: signed in, from the public
/// notice's link to the form, submitted; once the objection period ends the cycle awaits the review of that person's
/// objection, and the audit log names them. A form without its anti-forgery value is refused with a page and files nothing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ObjectionFormTests
{
    private const string Period = "2026-Q1";

    [Fact]
    public async Task StaffObjectFromTheNotice_ThroughTheForm_AndTheCycleReviewsIt()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Obj" + fixture.Prefix[2..]);
        await host.StartAsync();
        using var actors = fixture.Actors(host, Period);
        Assert.Equal(HttpStatusCode.Accepted, (await actors.StartAsync(new CycleStart(CycleFixture.Office, Period, SelfEvaluationTime: TimeSpan.FromMinutes(10),
            RemindBefore: TimeSpan.Zero, ObjectionPeriod: TimeSpan.FromSeconds(60)))).StatusCode);
        await actors.WaitForAsync("SelfEvaluation");
        foreach (var d in fixture.Sample.Organisation.Departments)
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.SubmitWhenOpenAsync(d.Id));
        }

        foreach (var d in CycleActors.Awaiting(await actors.WaitForAsync("Verification")))
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.VerifyAsync(d));
        }

        foreach (var m in CycleActors.Awaiting(await actors.WaitForAsync("Decision")).Take(3))
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.VoteAsync(m));
        }

        await actors.WaitForAsync("Publication");
        var stored = await new ScorecardRepository(fixture.Account).ForPeriodAsync(CycleFixture.Office, Period, fixture.Scheme.Id);
        var person = stored.First(c => c.SubjectKind == SubjectKind.Person);

        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var page = await context.NewPageAsync();
        await Chromium.SignInAsync(page, await host.TokenAsync(person.SubjectId, Role.Staff, CycleFixture.Office), $"/api/pages/cycles/{CycleFixture.Office}/{Period}/notice");
        Assert.Contains("公示期至", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("/signin");
        await Chromium.AssertAccessibleAsync(signIn);
        await signIn.CloseAsync();

        // A form posted without its anti-forgery value (as a page elsewhere would): refused, nothing filed.
        var forged = await context.APIRequest.PostAsync($"/api/pages/cycles/{CycleFixture.Office}/{Period}/objection",
            new APIRequestContextOptions { Form = context.APIRequest.CreateFormData().Set("subjectId", person.SubjectId).Set("reason", "伪造") });
        Assert.Equal(400, forged.Status);
        Assert.DoesNotContain(await new AuditLog(fixture.Account).ReadAsync(CycleFixture.Office, Period), e => e.Action == "objection.filed");

        await page.ClickAsync("text=提出异议");
        await Chromium.WaitForUrlAsync(page, "**/objection");
        Assert.Equal(person.SubjectId, await page.InputValueAsync("#subjectId"));
        await page.FillAsync("#reason", "本人本季度办案数量统计有误，请复核。");
        await Chromium.ScreenshotAsync(page, "objection-form");
        await Chromium.AssertAccessibleAsync(page);
        await page.ClickAsync("button[type=submit]");
        await page.GetByText("异议已提交").First.WaitForAsync();
        await Chromium.ScreenshotAsync(page, "objection-filed");

        // Objections are gathered until the period ends; then the office reviews them.
        var review = await actors.WaitForAsync("ObjectionReview", TimeSpan.FromMinutes(2));
        Assert.Equal([person.SubjectId], CycleActors.Awaiting(review));
        var filed = Assert.Single(await new AuditLog(fixture.Account).ReadAsync(CycleFixture.Office, Period), e => e.Action == "objection.filed");
        Assert.Equal((person.SubjectId, person.SubjectId), (filed.Actor, filed.Target));

        // The person's dossier shows the objection awaiting review, then, once the office lets the result stand, its outcome.
        var dossier = $"/api/pages/offices/{CycleFixture.Office}/people/{person.SubjectId}/dossier";
        await page.GotoAsync(dossier);
        var row = page.Locator("table.objections tbody tr");
        Assert.Equal(1, await row.CountAsync());
        var cells = await row.Locator("td").AllInnerTextsAsync();
        Assert.Equal([Period, "本人", "本人本季度办案数量统计有误，请复核。", "待复核", "—"], [cells[0], cells[2], cells[3], cells[4], cells[5]]);
        Assert.Equal(filed.At.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), cells[1]);

        // A supervisor reads the objections under review, without the form.
        await using (var readerContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() }))
        {
            var reader = await readerContext.NewPageAsync();
            await Chromium.SignInAsync(reader, await host.TokenAsync("supervisor-1", Role.Supervisor, CycleFixture.Office), $"/api/pages/cycles/{CycleFixture.Office}/{Period}/objections");
            Assert.Contains("本人本季度办案数量统计有误，请复核。", await reader.InnerTextAsync("tbody"), StringComparison.Ordinal);
            Assert.Contains("只读", await reader.InnerTextAsync("#read-only"), StringComparison.Ordinal);
            Assert.Equal(0, await reader.Locator("form").CountAsync());
        }

        // The appraisal office reviews it on its page, from its to-do list: the objection with its grounds, nothing reopened.
        await using var officeContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var officePage = await officeContext.NewPageAsync();
        await Chromium.SignInAsync(officePage, await host.TokenAsync("office-1", Role.AppraisalOffice, CycleFixture.Office), "/api/pages/todo");
        await officePage.ClickAsync("text=审查公示期异议");
        await Chromium.WaitForUrlAsync(officePage, "**/objections");
        Assert.Contains("本人本季度办案数量统计有误，请复核。", await officePage.InnerTextAsync("tbody"), StringComparison.Ordinal);
        Assert.Equal(1, await officePage.Locator("input[name=reopen]").CountAsync());
        await Chromium.AssertAccessibleAsync(officePage);
        await Chromium.ScreenshotAsync(officePage, "workbench-objection-review");
        var reviewToken = await officePage.InputValueAsync("form input[name=af]");
        await officePage.ClickAsync("button[type=submit]");
        await officePage.GetByText("已记录复核结论：全部维持原结果").WaitForAsync();
        await actors.WaitForAsync("Completed");

        // The review form sent again once the cycle is over: refused, nothing stored.
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        var again = await officeContext.APIRequest.PostAsync($"/api/pages/cycles/{CycleFixture.Office}/{Period}/objections",
            new APIRequestContextOptions { Form = officeContext.APIRequest.CreateFormData().Set("af", reviewToken) });
        Assert.Equal(409, again.Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await page.GotoAsync(dossier);
        cells = await page.Locator("table.objections tbody tr td").AllInnerTextsAsync();
        Assert.Equal("已复核：维持原结果", cells[4]);
        var reviewed = Assert.Single(await new AuditLog(fixture.Account).ReadAsync(CycleFixture.Office, Period), e => e.Action == "objections.reviewed");
        Assert.Equal(reviewed.At.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), cells[5]);
        Assert.Contains($"{Period}：总分 {person.Total:0.00}", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "dossier-objection-outcome");
        await Chromium.AssertAccessibleAsync(page);

        // A supervisor (纪检监察) reads the period's audit trail with its chain check — and sees a row altered behind it.
        await using var supervisorContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var trail = await supervisorContext.NewPageAsync();
        var auditPage = $"/api/pages/cycles/{CycleFixture.Office}/{Period}/audit";
        await Chromium.SignInAsync(trail, await host.TokenAsync("supervisor-1", Role.Supervisor, CycleFixture.Office), auditPage);
        var entries = await new AuditLog(fixture.Account).ReadAsync(CycleFixture.Office, Period);
        Assert.Equal($"审计链完整：共 {entries.Count} 条记录，逐条哈希校验一致。", (await trail.InnerTextAsync("#chain")).Trim());
        Assert.Equal(entries.Count, await trail.Locator("tbody tr").CountAsync());
        await Chromium.AssertAccessibleAsync(trail);
        await Chromium.ScreenshotAsync(trail, "workbench-audit-trail");
        var table = fixture.Account.Table(Appraisal.Storage.TableNames.Audit);
        Azure.Data.Tables.TableEntity? altered = null;
        await foreach (var e in table.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == AuditLog.Partition(CycleFixture.Office, Period)))
        {
            altered = e.GetString("Action") == "objection.filed" ? e : altered;
        }

        Assert.NotNull(altered);
        altered["Actor"] = "someone-else";
        await table.UpdateEntityAsync(altered, altered.ETag, Azure.Data.Tables.TableUpdateMode.Merge);
        await trail.ReloadAsync();
        Assert.StartsWith("审计链在第", (await trail.InnerTextAsync("#chain")).Trim(), StringComparison.Ordinal);
    }
}
