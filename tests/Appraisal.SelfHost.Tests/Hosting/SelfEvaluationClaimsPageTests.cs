using System.Net;
using Appraisal.Domain.Organisation;
using Appraisal.Storage.Evidence;
using Appraisal.Storage.SelfEvaluations;
using Appraisal.Storage.Submissions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Pages;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>A person's evidence and ledger claims through their self-evaluation form, in headless Chromium with
/// JavaScript off: a prosecutor uploads a PDF (a file of no allowed type is refused beside the field), ticks it to cite,
/// adds claim rows, has a claim with no occurrences refused beside its row with what was entered kept and nothing
/// stored, then submits; the department head sees the claim on the people's table, accepts the self-evaluation, and the
/// department's sheet — nothing entered yet — shows the claim as a ledger row from that person's self-evaluation, not
/// submitted.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SelfEvaluationClaimsPageTests
{
    private const string Period = "2026-Q1";

    [Fact]
    public async Task APerson_UploadsCitesAndClaims_TheHeadAccepts_AndTheSheetIsPrefilled()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Clm" + fixture.Prefix[2..]);
        await host.StartAsync();
        using var actors = fixture.Actors(host, Period);
        Assert.Equal(HttpStatusCode.Accepted, (await actors.StartAsync(new CycleStart(CycleFixture.Office, Period, SelfEvaluationTime: TimeSpan.FromMinutes(15), RemindBefore: TimeSpan.Zero))).StatusCode);
        await actors.WaitForAsync("SelfEvaluation");
        var org = fixture.Sample.Organisation;
        var person = org.People.First(p => p.DepartmentId == "D02" && p.Post == LeadershipPost.None && p.Category == StaffCategory.QuotaProsecutor);
        var head = org.AnswersFor("D02")!;
        var form = $"/api/pages/cycles/{CycleFixture.Office}/{Period}/self-evaluation";

        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var page = await context.NewPageAsync();
        await Chromium.SignInAsync(page, await host.TokenAsync(person.Id, Role.Staff, CycleFixture.Office, "D02"), form);
        Assert.Equal("本期尚未上传材料。", (await page.InnerTextAsync("#evidence p:not(.hint)")).Trim());
        Assert.Equal(3, await page.Locator("#claims tbody tr").CountAsync());
        Assert.Contains("岗位练兵、业务竞赛获奖", await page.InnerTextAsync("[id='claim1.item']"), StringComparison.Ordinal);
        Assert.DoesNotContain("年度获省级以上表彰", await page.InnerTextAsync("[id='claim1.item']"), StringComparison.Ordinal);
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "self-evaluation-claims-empty");

        // A file of no allowed type: refused beside the file field, nothing stored.
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "plain text"u8.ToArray() });
        Assert.Equal(415, (await Chromium.SubmitAsync(page, "form[enctype] button[type=submit]")).Status);
        Assert.Equal("true", await page.GetAttributeAsync("#file", "aria-invalid"));
        Assert.Contains("PDF", await page.InnerTextAsync("#file-error"), StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.AssertShownAccessibleAsync(page);

        // A PDF: back to the form, listed to cite, recorded for the person's department with them as uploader.
        byte[] pdf = [.. "%PDF-1.7\n"u8, .. new byte[300], .. "%%EOF"u8];
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "业务竞赛获奖证书.pdf", MimeType = "application/pdf", Buffer = pdf });
        Assert.Equal(303, (await Chromium.SubmitAsync(page, "form[enctype] button[type=submit]")).Status);
        await Chromium.WaitForUrlAsync(page, "**/self-evaluation?uploaded=*");
        var sha = (await page.InnerTextAsync("#files td code")).Trim();
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), sha);
        Assert.Equal("业务竞赛获奖证书.pdf", (await page.InnerTextAsync("#files tbody td:nth-of-type(2)")).Trim());
        var upload = Assert.Single(await new EvidenceStore(fixture.Account).UploadsAsync(sha));
        Assert.Equal((person.Id, "D02", Period), (upload.UploadedBy, upload.DepartmentId, upload.Period));
        Assert.Equal(200, (await page.APIRequest.GetAsync($"/api/offices/{CycleFixture.Office}/evidence/{sha}")).Status);

        // More rows, without script; a claim with no occurrences refused beside its row, what was entered kept.
        await page.FillAsync("#summary", "本季度办理审查起诉案件 16 件；获市院业务竞赛二等奖。");
        await page.FillAsync("#selfScore", "93");
        await page.CheckAsync("#cite-0");
        Assert.Equal(200, (await Chromium.SubmitAsync(page, "button[value=more]")).Status);
        Assert.Equal(6, await page.Locator("#claims tbody tr").CountAsync());
        Assert.True(await page.IsCheckedAsync("#cite-0"));
        await page.SelectOptionAsync("[id='claim2.item']", "training-award");
        await page.SelectOptionAsync("[id='claim2.evidence']", sha);
        await page.FillAsync("[id='claim2.note']", "市院业务竞赛二等奖");
        before = await StorageSnapshot.TakeAsync(fixture.Account);
        Assert.Equal(422, (await Chromium.SubmitAsync(page, "button[value=submit]")).Status);
        Assert.Equal("true", await page.GetAttributeAsync("[id='claim2.occurrences']", "aria-invalid"));
        Assert.Contains("1 至 1000 的整数", await page.InnerTextAsync("[id='claim2.occurrences-error']"), StringComparison.Ordinal);
        Assert.Equal("claims[0].occurrences", await page.GetAttributeAsync("#errors li", "data-field"));
        Assert.StartsWith("加减分申报 第 2 行：", (await page.InnerTextAsync("#errors li")).Trim(), StringComparison.Ordinal);
        Assert.Equal("#claim2.occurrences", await page.GetAttributeAsync("#errors li a", "href"));
        Assert.Equal(("training-award", sha, "市院业务竞赛二等奖"), (await page.InputValueAsync("[id='claim2.item']"), await page.InputValueAsync("[id='claim2.evidence']"), await page.InputValueAsync("[id='claim2.note']")));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.AssertShownAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "self-evaluation-claims-error");

        await page.FillAsync("[id='claim2.occurrences']", "1");
        Assert.Equal(200, (await Chromium.SubmitAsync(page, "button[value=submit]")).Status);
        Assert.Contains("已提交（第 1 版）", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        var record = Assert.Single(await new SelfEvaluationRepository(fixture.Account).ForDepartmentAsync(CycleFixture.Office, Period, "D02")).Value;
        Assert.Equal([sha], record.Evidence);
        Assert.Equal([new SelfEvaluationClaim("training-award", 1, sha, "市院业务竞赛二等奖")], record.ClaimList);
        Assert.Equal("training-award", await page.InputValueAsync("[id='claim1.item']"));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "self-evaluation-claims-stored");

        // In English: the scheme's item names and the form's words in the reader's language.
        Assert.Equal(200, (await page.GotoAsync(form + "?lang=en"))!.Status);
        Assert.Equal("Bonus and deduction claims", (await page.InnerTextAsync("#claims caption")).Trim());
        Assert.Equal("training-award", await page.InputValueAsync("[id='claim1.item']"));
        Assert.DoesNotContain("岗位练兵", await page.InnerTextAsync("[id='claim1.item']"), StringComparison.Ordinal);
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "self-evaluation-claims-en");

        // The head sees the claim on the people's table, with the person's file among the department's, and accepts.
        var sheet = $"/api/pages/cycles/{CycleFixture.Office}/{Period}/departments/D02/submission";
        var row = SelfReviewEntry.FieldId(person.Id, "form");
        await using var headContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var headPage = await headContext.NewPageAsync();
        await Chromium.SignInAsync(headPage, await host.TokenAsync(head.Id, Role.DepartmentHead, CycleFixture.Office, "D02"), sheet);
        Assert.Equal("岗位练兵、业务竞赛获奖 × 1，材料：业务竞赛获奖证书.pdf（市院业务竞赛二等奖）", (await headPage.InnerTextAsync($"[id='{row}-claims']")).Trim());
        Assert.Equal(person.Name, (await headPage.InnerTextAsync($"tr:has(code:text('{sha}')) td:last-child")).Trim());
        Assert.Equal(string.Empty, await headPage.InputValueAsync("[id='row1.subject_id']"));
        Assert.Equal(303, (await Chromium.SubmitAsync(headPage, $"[id='{row}'] button[value=accept]")).Status);
        await Chromium.WaitForUrlAsync(headPage, "**/submission?reviewed=*");

        // The sheet, nothing entered yet: the accepted claim as its first ledger row, marked, for the head to keep or change.
        Assert.Equal(person.Id, await headPage.InputValueAsync("[id='row1.subject_id']"));
        Assert.Equal("training-award", await headPage.InputValueAsync("[id='row1.item_id']"));
        Assert.Equal("1", await headPage.InputValueAsync("[id='row1.occurrences']"));
        Assert.Equal(sha, await headPage.InputValueAsync("[id='row1.evidence']"));
        Assert.Equal("市院业务竞赛二等奖", await headPage.InputValueAsync("[id='row1.note']"));
        Assert.Equal($"来自 {person.Name} 的个人自评", (await headPage.InnerTextAsync("[id='row1.from']")).Trim());
        Assert.Equal(string.Empty, await headPage.InputValueAsync("[id='row2.subject_id']"));
        Assert.Empty((await new SubmissionRepository(fixture.Account).ForDepartmentAsync(CycleFixture.Office, Period, "D02")));
        await headPage.GotoAsync(sheet);
        Assert.Contains("预填 1 行", await headPage.InnerTextAsync("[role=status]"), StringComparison.Ordinal);
        await Chromium.AssertAccessibleAsync(headPage);
        await Chromium.ScreenshotAsync(headPage, "department-sheet-prefilled");
    }
}
