using System.Net;
using Appraisal.Domain.Organisation;
using Appraisal.Storage.SelfEvaluations;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The workbench as people use it, in headless Chromium with JavaScript off: signed in, a person lands on their
/// to-do list (我的待办), follows its link to their self-evaluation form, gets a wrong entry back with its error beside
/// the field and what they typed kept (nothing stored), then submits and sees the item leave their list; a department
/// head's list names the department's submission; the English switch; a forged form and a form sent after the
/// self-evaluation stage are refused and store nothing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkbenchPageTests
{
    private const string Period = "2026-Q1";

    /// <summary>Submits the page's form and answers with the response to the POST, once its page has loaded.</summary>
    private static Task<IResponse> SubmitAsync(IPage page, string button = "button[type=submit]") => Chromium.SubmitAsync(page, button);

    [Fact]
    public async Task APerson_FromTheirToDoList_WritesTheirSelfEvaluation_ThroughTheForm()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Wb" + fixture.Prefix[2..]);
        await host.StartAsync();
        using var actors = fixture.Actors(host, Period);
        Assert.Equal(HttpStatusCode.Accepted, (await actors.StartAsync(new CycleStart(CycleFixture.Office, Period, SelfEvaluationTime: TimeSpan.FromMinutes(10), RemindBefore: TimeSpan.Zero))).StatusCode);
        await actors.WaitForAsync("SelfEvaluation");
        var org = fixture.Sample.Organisation;
        var person = org.People.First(p => p.DepartmentId == "D02" && p.Post == LeadershipPost.None);
        var head = org.People.First(p => p.DepartmentId == "D02" && p.Post == LeadershipPost.DepartmentHead);
        var department = org.FindDepartment("D02")!.Name;

        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var page = await context.NewPageAsync();
        await Chromium.SignInAsync(page, await host.TokenAsync(person.Id, Role.Staff, CycleFixture.Office, "D02"), "/api/pages/todo");
        Assert.Equal("我的待办", await page.InnerTextAsync("h1"));
        Assert.Equal("page", await page.GetAttributeAsync("nav a[aria-current]", "aria-current"));
        var task = page.GetByRole(AriaRole.Link, new() { Name = "填写个人自评（述职）" });
        Assert.Equal(1, await task.CountAsync());
        Assert.Contains(Period, await page.InnerTextAsync("tbody"), StringComparison.Ordinal);
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "workbench-todo-staff");

        // By keyboard: the skip link first, then through the navigation to the task.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("跳到正文", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));

        await task.ClickAsync();
        await Chromium.WaitForUrlAsync(page, "**/self-evaluation");
        await page.FillAsync("#summary", "本季度办理审查起诉案件 18 件，无超期。");
        await page.FillAsync("#selfScore", "120");
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        var refused = await SubmitAsync(page, "button[value=submit]");
        Assert.Equal(422, refused!.Status);
        Assert.Equal("true", await page.GetAttributeAsync("#selfScore", "aria-invalid"));
        Assert.Contains("120", await page.InnerTextAsync("#selfScore-error"), StringComparison.Ordinal);
        Assert.Equal("120", await page.InputValueAsync("#selfScore"));
        Assert.Equal("本季度办理审查起诉案件 18 件，无超期。", await page.InputValueAsync("#summary"));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "workbench-self-evaluation-error");

        await page.FillAsync("#selfScore", "92.5");
        var stored = await SubmitAsync(page, "button[value=submit]");
        Assert.Equal(200, stored!.Status);
        Assert.Contains("已提交（第 1 版）", await page.InnerTextAsync("[role=status]"), StringComparison.Ordinal);
        var record = Assert.Single(await new SelfEvaluationRepository(fixture.Account).ForDepartmentAsync(CycleFixture.Office, Period, "D02"));
        Assert.Equal((person.Id, 92.5m, "本季度办理审查起诉案件 18 件，无超期。"), (record.Value.PersonId, record.Value.SelfScore, record.Value.Summary));
        await Chromium.ScreenshotAsync(page, "workbench-self-evaluation-stored");

        await page.GotoAsync("/api/pages/todo");
        Assert.Contains("目前没有等待您办理的事项", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.ClickAsync("text=English");
        await Chromium.WaitForUrlAsync(page, "**/pages/todo?lang=en");
        Assert.Equal("My to-do list", await page.InnerTextAsync("h1"));
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));

        // A form posted without its anti-forgery value (as a page elsewhere would): refused, nothing stored.
        before = await StorageSnapshot.TakeAsync(fixture.Account);
        var forged = await context.APIRequest.PostAsync($"/api/pages/cycles/{CycleFixture.Office}/{Period}/self-evaluation",
            new APIRequestContextOptions { Form = context.APIRequest.CreateFormData().Set("summary", "伪造").Set("selfScore", "100") });
        Assert.Equal(400, forged.Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));

        // The department head: from the to-do list to the department's sheet, an evidence file uploaded, a claim with a
        // wrong count refused beside its row (nothing stored, the entries kept), corrected and submitted.
        await using var headContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var headPage = await headContext.NewPageAsync();
        await Chromium.SignInAsync(headPage, await host.TokenAsync(head.Id, Role.DepartmentHead, CycleFixture.Office, "D02"), "/api/pages/todo");
        await headPage.ClickAsync($"text=提交{department}的自查自评");
        await Chromium.WaitForUrlAsync(headPage, "**/departments/D02/submission");
        Assert.Contains("本季度办理审查起诉案件 18 件", await headPage.InnerTextAsync("main"), StringComparison.Ordinal);
        await headPage.SetInputFilesAsync("#file", new FilePayload { Name = "典型案例通报.pdf", MimeType = "application/pdf", Buffer = [.. "%PDF-1.7\n"u8, .. new byte[300], .. "%%EOF"u8] });
        await headPage.ClickAsync("form[enctype] button[type=submit]");
        await Chromium.WaitForUrlAsync(headPage, "**/submission?uploaded=*");
        await headPage.GetByText("已上传：典型案例通报.pdf").WaitForAsync();
        var hash = (await headPage.InnerTextAsync("td code")).Trim();
        Assert.Matches("^[0-9a-f]{64}$", hash);
        var subject = org.People.First(p => p.DepartmentId == "D02" && p.Id != head.Id && Domain.Scoring.SubjectSet.For(fixture.Scheme, org).IndexOf(p.Id) >= 0);

        // The sheet asks for no ratings: the raters give them themselves.
        Assert.Contains("民主测评由评价人本人在线匿名评分", await headPage.InnerTextAsync("#ratings-by-raters"), StringComparison.Ordinal);
        Assert.Equal(0, await headPage.Locator("textarea#ratings").CountAsync());
        await headPage.SelectOptionAsync("[id='row1.subject_id']", subject.Id);
        await headPage.SelectOptionAsync("[id='row1.item_id']", "typical-case");
        await headPage.FillAsync("[id='row1.occurrences']", "一次");
        await headPage.FillAsync("[id='row1.evidence']", hash);
        await headPage.FillAsync("[id='row1.note']", "入选省院典型案例");
        var antiForgery = await headPage.InputValueAsync("form:has(#ratings-by-raters) input[name=af]");
        before = await StorageSnapshot.TakeAsync(fixture.Account);
        var wrong = await SubmitAsync(headPage, "button[value=submit]");
        Assert.Equal(422, wrong.Status);
        Assert.Contains("第 1 行", await headPage.InnerTextAsync("#errors"), StringComparison.Ordinal);
        Assert.Equal("true", await headPage.GetAttributeAsync("[id='row1.occurrences']", "aria-invalid"));
        Assert.Equal("一次", await headPage.InputValueAsync("[id='row1.occurrences']"));
        Assert.Equal(subject.Id, await headPage.InputValueAsync("[id='row1.subject_id']"));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.AssertAccessibleAsync(headPage);
        await Chromium.ScreenshotAsync(headPage, "workbench-department-sheet-error");

        await headPage.FillAsync("[id='row1.occurrences']", "1");
        var submittedSheet = await SubmitAsync(headPage, "button[value=submit]");
        Assert.Equal(200, submittedSheet.Status);
        Assert.Contains("已提交本部门的自查自评", await headPage.InnerTextAsync("[role=status]"), StringComparison.Ordinal);
        var submission = Assert.Single(await new Appraisal.Storage.Submissions.SubmissionRepository(fixture.Account).ForDepartmentAsync(CycleFixture.Office, Period, "D02"));
        Assert.Equal(head.Id, submission.Value.SubmittedBy);
        var claims = DepartmentClaims.FromPayload(submission.Value.Payload);
        Assert.Contains($"{subject.Id},typical-case,1,{hash},入选省院典型案例", claims.LedgerCsv, StringComparison.Ordinal);
        await Chromium.AssertAccessibleAsync(headPage);
        await Chromium.ScreenshotAsync(headPage, "workbench-department-sheet-submitted");

        // Once every department has submitted, the cycle is at verification: the form is refused there (409), nothing stored.
        await page.GotoAsync($"/api/pages/cycles/{CycleFixture.Office}/{Period}/self-evaluation");
        foreach (var d in org.Departments.Where(d => d.Id != "D02"))
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.SubmitWhenOpenAsync(d.Id));
        }

        await actors.WaitForAsync("Verification");
        await Task.Delay(CycleSnapshots.CycleFreshness + TimeSpan.FromMilliseconds(500)); // the stage as the guard reads it, cached that long
        before = await StorageSnapshot.TakeAsync(fixture.Account);
        await page.FillAsync("#selfScore", "95");
        var late = await SubmitAsync(page, "button[value=submit]");
        Assert.Equal(409, late!.Status);
        Assert.Equal("period", await page.GetAttributeAsync("#errors li", "data-field"));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));

        // The department's form sent again at verification (with the form's own anti-forgery value): refused, nothing stored.
        var again = await headContext.APIRequest.PostAsync($"/api/pages/cycles/{CycleFixture.Office}/{Period}/departments/D02/submission",
            new APIRequestContextOptions { Form = headContext.APIRequest.CreateFormData().Set("af", antiForgery).Set("rows", "1").Set("intent", "submit") });
        Assert.Equal(409, again.Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));

        // A supervisor (纪检监察) reads the same verification sheet — the claims and their evidence — without a form, and
        // a decision posted in its name is refused before anything is read from the form.
        await using (var supervisorContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() }))
        {
            var supervisorPage = await supervisorContext.NewPageAsync();
            await Chromium.SignInAsync(supervisorPage, await host.TokenAsync("supervisor-1", Role.Supervisor, CycleFixture.Office), $"/api/pages/cycles/{CycleFixture.Office}/{Period}/departments/D02/verification");
            Assert.True(await supervisorPage.GetByRole(AriaRole.Link, new() { Name = "查看 典型案例通报.pdf" }).IsVisibleAsync());
            Assert.Contains("只读", await supervisorPage.InnerTextAsync("#read-only"), StringComparison.Ordinal);
            Assert.Equal(0, await supervisorPage.Locator("form").CountAsync());
            await Chromium.AssertAccessibleAsync(supervisorPage);
            await Chromium.ScreenshotAsync(supervisorPage, "workbench-verification-supervisor");
            var supervisorPost = await supervisorContext.APIRequest.PostAsync($"/api/pages/cycles/{CycleFixture.Office}/{Period}/departments/D02/verification",
                new APIRequestContextOptions { Form = supervisorContext.APIRequest.CreateFormData().Set("action", "Accept") });
            Assert.Equal(403, supervisorPost.Status);
            Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        }

        // The appraisal office: from its to-do list to the department's verification; the cited evidence opens; a
        // return without a reason is refused beside the field (nothing stored); returned with one.
        await using var officeContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var officePage = await officeContext.NewPageAsync();
        await Chromium.SignInAsync(officePage, await host.TokenAsync("office-1", Role.AppraisalOffice, CycleFixture.Office), "/api/pages/todo");
        Assert.Equal(org.Departments.Count, await officePage.Locator("tbody tr").CountAsync());
        await officePage.ClickAsync($"text=核查{department}的自查自评");
        await Chromium.WaitForUrlAsync(officePage, "**/departments/D02/verification");
        var evidenceLink = officePage.GetByRole(AriaRole.Link, new() { Name = "查看 典型案例通报.pdf" });
        var pdf = await officeContext.APIRequest.GetAsync((await evidenceLink.GetAttributeAsync("href"))!);
        Assert.Equal((200, "application/pdf"), (pdf.Status, pdf.Headers["content-type"]));
        Assert.Equal(await evidenceLink.GetAttributeAsync("href"), await officePage.Locator("figure.evidence details object[type='application/pdf']").GetAttributeAsync("data"));
        Assert.Equal("在本页查看 典型案例通报.pdf", await officePage.InnerTextAsync("figure.evidence summary"));
        await officePage.CheckAsync("#action-Return");
        before = await StorageSnapshot.TakeAsync(fixture.Account);
        var noReason = await SubmitAsync(officePage);
        Assert.Equal(400, noReason.Status);
        Assert.Equal("true", await officePage.GetAttributeAsync("#reason", "aria-invalid"));
        Assert.True(await officePage.IsCheckedAsync("#action-Return"));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.AssertAccessibleAsync(officePage);
        await officePage.FillAsync("#reason", "第 1 行典型案例加分缺少省院通报文号，请补充。");
        var returned = await SubmitAsync(officePage);
        Assert.Equal(200, returned.Status);
        Assert.Contains("已记录核查意见：退回部门更正", await officePage.InnerTextAsync("[role=status]"), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(officePage, "workbench-verification-returned");
        await actors.WaitUntilAsync(s => CycleActors.Correcting(s).Contains("D02") && !CycleActors.Awaiting(s).Contains("D02"), "D02 correcting");

        // While D02 corrects, the office verifies the others; a department not returned may not submit again (409).
        before = await StorageSnapshot.TakeAsync(fixture.Account);
        Assert.Equal(HttpStatusCode.Conflict, await actors.SubmitAsync("D03", "test-D03-again"));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));

        // The head sees the reason beside the sheet, corrects the claim and submits again; the office accepts it.
        await headPage.GotoAsync("/api/pages/todo");
        await headPage.ClickAsync($"text=更正并重新提交{department}的自查自评");
        await Chromium.WaitForUrlAsync(headPage, "**/departments/D02/submission");
        Assert.Contains("典型案例加分缺少省院通报文号", await headPage.InnerTextAsync(".warn"), StringComparison.Ordinal);
        Assert.Equal("typical-case", await headPage.InputValueAsync("[id='row1.item_id']"));
        Assert.Contains("典型案例加分缺少省院通报文号", await headPage.InnerTextAsync("[id='row1.returned']"), StringComparison.Ordinal); // beside the row it names
        Assert.Equal(string.Empty, (await headPage.InnerTextAsync("[id='row2.returned']")).Trim());
        await Chromium.AssertAccessibleAsync(headPage);
        await Chromium.ScreenshotAsync(headPage, "workbench-department-sheet-returned");
        await headPage.FillAsync("[id='row1.note']", "入选省院典型案例（省院通报〔2026〕7号）");
        Assert.Equal(200, (await SubmitAsync(headPage, "button[value=submit]")).Status);
        await actors.WaitUntilAsync(s => CycleActors.Stage(s) == "Verification" && CycleActors.Awaiting(s).Contains("D02") && CycleActors.Correcting(s).Count == 0, "D02 to verify again");
        // Claim by claim: an adjustment without the occurrences found is refused at that field (nothing stored, the
        // entries kept); so is accepting everything while rejecting a claim; the claim rejected with its reason, and
        // the submission accepted with that adjustment.
        await officePage.GotoAsync($"/api/pages/cycles/{CycleFixture.Office}/{Period}/departments/D02/verification");
        await officePage.SelectOptionAsync("#verdict-2", "Adjusted");
        await officePage.FillAsync("#claimreason-2", "省院通报系表扬通报，非典型案例");
        before = await StorageSnapshot.TakeAsync(fixture.Account);
        Assert.Equal(400, (await SubmitAsync(officePage)).Status);
        Assert.Equal("true", await officePage.GetAttributeAsync("#occurrences-2", "aria-invalid"));
        Assert.Contains("核定次数应为 1 至 1000 的整数", await officePage.InnerTextAsync("#occurrences-2-error"), StringComparison.Ordinal);
        Assert.Equal("省院通报系表扬通报，非典型案例", await officePage.InputValueAsync("#claimreason-2"));
        await officePage.SelectOptionAsync("#verdict-2", "Rejected");
        await officePage.CheckAsync("#action-Accept");
        Assert.Equal(400, (await SubmitAsync(officePage)).Status);
        Assert.Contains("核查意见应为“调整后通过”或“退回”", await officePage.InnerTextAsync("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.AssertAccessibleAsync(officePage);
        await officePage.CheckAsync("#action-Adjust");
        await officePage.FillAsync("#reason", "一项台帐不予认定，详见该行。");
        Assert.Equal(200, (await SubmitAsync(officePage)).Status);
        Assert.Contains("已记录核查意见：调整后通过", await officePage.InnerTextAsync("[role=status]"), StringComparison.Ordinal);
        Assert.Equal(0, await officePage.Locator("form").CountAsync()); // D02 is no longer awaited: no form is offered
        Assert.Contains("不予认定", await officePage.InnerTextAsync("#claim-2"), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(officePage, "workbench-verification-claim-rejected");

        // Every other department accepted; at the Party group's decision the verification form is refused (409).
        await officePage.GotoAsync($"/api/pages/cycles/{CycleFixture.Office}/{Period}/departments/D03/verification");
        var verificationToken = await officePage.InputValueAsync("form input[name=af]");
        foreach (var d in CycleActors.Awaiting(await actors.WaitForAsync("Verification")).Where(d => d != "D02"))
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.VerifyAsync(d));
        }

        await actors.WaitForAsync("Decision");

        // What was scored is the claim as verified: the rejected claim's line counts nothing and says why.
        var scored = Assert.Single(await new Appraisal.Storage.Scorecards.ScorecardRepository(fixture.Account).ForSubjectAsync(CycleFixture.Office, subject.Id), c => c.Period == Period);
        var claimLine = Assert.Single(scored.Lines, l => l.Item == "typical-case");
        Assert.Equal((Appraisal.Domain.Scoring.LineOutcome.Rejected, 0m), (claimLine.Outcome, claimLine.Points));
        Assert.Equal(new Appraisal.Domain.Scoring.LedgerVerification(Appraisal.Domain.Scoring.LedgerVerdict.Rejected, 1, "省院通报系表扬通报，非典型案例"), claimLine.Entry!.Verification);
        before = await StorageSnapshot.TakeAsync(fixture.Account);
        var decided = await officeContext.APIRequest.PostAsync($"/api/pages/cycles/{CycleFixture.Office}/{Period}/departments/D03/verification",
            new APIRequestContextOptions { Form = officeContext.APIRequest.CreateFormData().Set("af", verificationToken).Set("action", "Accept") });
        Assert.Equal(409, decided.Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
    }
}
