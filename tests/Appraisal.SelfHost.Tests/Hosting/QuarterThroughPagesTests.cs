using System.Text;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.SelfHost.Demo;
using Appraisal.Storage.Audit;
using Appraisal.Storage.Scorecards;
using Appraisal.Workflow.Identity;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>A whole quarter acted through the pages alone, as the office's people would, in headless Chromium with
/// JavaScript off: every department head submits from their to-do list (one with an evidence file, one with a claim the
/// office will adjust), the appraisal office verifies every department on its page (one returned, corrected and
/// accepted; one claim adjusted), the Party group decides through the links in its mails, the results are published, a
/// prosecutor objects from the public notice, the office reviews the objection, and the results become final. The test
/// acts and waits only through pages and mails; storage is read only to check what the pages did.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class QuarterThroughPagesTests(MailFixture mail) : IClassFixture<MailFixture>
{
    private const string Period = "2026-Q1";

    [Fact]
    public async Task AWholeQuarter_ActedThroughThePagesAlone()
    {
        // Storage holds scheme B as decided (and the sample under another office's id); this office starts empty.
        var fixture = await CycleFixture.CreateAsync(Period, "seed-" + Guid.NewGuid().ToString("N")[..6]);
        await using var host = new SelfHostProcess(fixture.Prefix, "Qtr" + fixture.Prefix[2..], mail.HostSettings);
        await host.StartAsync();
        var org = fixture.Sample.Organisation;
        var office = CycleFixture.Office;
        var before = (await mail.Server.MessagesAsync(default)).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        await using var browser = new Browsers(host);

        // The appraisal office uploads the organisation and the quarter's case records, then starts the quarter, each
        // from its page (the objection period a couple of minutes, so the test sees it end).
        var officePage = await browser.SignInAsync("office-1", Role.AppraisalOffice, null);
        await officePage.GotoAsync($"/api/pages/offices/{office}/imports");
        await officePage.SetInputFilesAsync("#organisation-file", new FilePayload { Name = "organisation.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(OrganisationDocument.Write(org)) });
        Assert.Equal(200, (await SubmitAsync(officePage, "form:has(#organisation-file) button")).Status);
        var cases = new StringWriter();
        CaseCsv.Write(cases, fixture.Sample.Cases);
        await officePage.SetInputFilesAsync("#cases-file", new FilePayload { Name = "cases.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(cases.ToString()) });
        Assert.Equal(200, (await SubmitAsync(officePage, "form:has(#cases-file) button")).Status);
        Assert.Equal($"已导入案件记录 {fixture.Sample.Cases.Count} 条。", await officePage.InnerTextAsync("#notice"));
        await officePage.GotoAsync($"/api/pages/offices/{office}/cycle-start");
        await officePage.FillAsync("#period", Period);
        await officePage.FillAsync("#selfEvaluationTime", "1");
        await officePage.FillAsync("#remindBefore", "0");
        await officePage.FillAsync("#objectionPeriod", "0.0015");
        Assert.Equal(200, (await SubmitAsync(officePage, "form button[type=submit]")).Status);
        Assert.Equal($"已发起 {Period}。", await officePage.InnerTextAsync("#notice"));

        // Every department head, from their to-do list, submits the department's sheet (no ratings: the raters give
        // them); D02 with an uploaded file cited by a claim, D03 with a claim of two occurrences.
        var heads = new Dictionary<string, IPage>(StringComparer.Ordinal);
        var subjects = Domain.Scoring.SubjectSet.For(fixture.Scheme, org);
        foreach (var department in org.Departments)
        {
            var head = org.AnswersFor(department.Id)!;
            var page = heads[department.Id] = await browser.SignInAsync(head.Id, Role.DepartmentHead, department.Id);
            await WaitForLinkAsync(page, "/api/pages/todo", $"提交{department.Name}的自查自评");
            await page.ClickAsync($"text=提交{department.Name}的自查自评");
            await Chromium.WaitForUrlAsync(page, $"**/departments/{department.Id}/submission");
            var member = org.People.FirstOrDefault(p => p.DepartmentId == department.Id && p.Post == LeadershipPost.None && subjects.IndexOf(p.Id) >= 0);
            if (department.Id == "D02")
            {
                await page.SetInputFilesAsync("#file", new FilePayload { Name = "表彰通报.pdf", MimeType = "application/pdf", Buffer = [.. "%PDF-1.7\n"u8, .. new byte[200], .. "%%EOF"u8] });
                await page.ClickAsync("form[enctype] button[type=submit]");
                await Chromium.WaitForUrlAsync(page, "**/submission?uploaded=*");
                await FillClaimAsync(page, member!.Id, "1", (await page.InnerTextAsync("td code")).Trim(), "入选省院典型案例");
            }
            else if (department.Id == "D03")
            {
                await FillClaimAsync(page, member!.Id, "2", "市院通报〔2026〕3号", "两件案件入选市院典型案例");
            }
            else if (department.Id == "D04")
            {
                await FillClaimAsync(page, member!.Id, "1", "院通报〔2026〕9号", "获评院优秀案件");
            }

            var submitted = await SubmitAsync(page, "button[value=submit]");
            Assert.True(submitted.Status == 200, $"{department.Id}: {submitted.Status} {await page.InnerTextAsync("main")}");
        }

        await Chromium.ScreenshotAsync(heads["D02"], "quarter-department-submitted");

        // The appraisal office verifies each department from its to-do list: D04 first, returned with its claim rejected;
        // then, while D04 corrects, D03's claim adjusted to one occurrence and every other accepted.
        await WaitForLinkAsync(officePage, "/api/pages/todo", $"核查{org.Departments[^1].Name}的自查自评");
        var d04 = org.FindDepartment("D04")!;
        await VerifyAsync(officePage, d04, ("Return", "评分表缺少本部门两名检察官的评分，请补充后重新提交。", ("Rejected", null, "该案件系上季度办结，不计入本季度")));

        // The dashboard names D04 as correcting, with its deadline, beside the departments still to verify.
        await WaitAsync(async () =>
        {
            await officePage.GotoAsync($"/api/pages/offices/{office}/dashboard");
            return (await officePage.InnerTextAsync($"tr[data-period='{Period}'] td.awaiting")).Contains($"退回补正中（截止时间，北京时间）：{d04.Name}（", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(60));
        var others = org.Departments.Where(d => d.Id != "D04").ToList();
        static (string, string?, (string, string?, string)?) Decision(Department department) =>
            department.Id == "D03" ? ("Adjust", "一项台帐核减，详见该行。", ("Adjusted", "1", "其中一件为上年度案件，不计入本季度")) : ("Accept", null, null);
        foreach (var department in others.Take(others.Count / 2))
        {
            await VerifyAsync(officePage, department, Decision(department));
        }

        // Halfway through the others, D04's head corrects and submits again, by the deadline the to-do list shows.
        await WaitForLinkAsync(heads["D04"], "/api/pages/todo", $"更正并重新提交{d04.Name}的自查自评（已被考核办退回）");
        Assert.Matches(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", await heads["D04"].InnerTextAsync($"tr:has-text('更正并重新提交{d04.Name}') >> td >> nth=2"));
        await heads["D04"].ClickAsync($"text=更正并重新提交{d04.Name}的自查自评");
        await Chromium.WaitForUrlAsync(heads["D04"], "**/departments/D04/submission");
        Assert.Contains("评分表缺少本部门两名检察官的评分", await heads["D04"].InnerTextAsync("#return-reason"), StringComparison.Ordinal);
        Assert.Equal("考核办不予认定：该案件系上季度办结，不计入本季度", (await heads["D04"].InnerTextAsync("[id='row1.returned']")).Trim());
        await Chromium.AssertAccessibleAsync(heads["D04"]);
        await Chromium.ScreenshotAsync(heads["D04"], "quarter-department-returned");
        await FillClaimAsync(heads["D04"], string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
        Assert.Equal(200, (await SubmitAsync(heads["D04"], "button[value=submit]")).Status);

        // The office verifies the rest and the corrected D04, in the order its to-do list offers them.
        await WaitForLinkAsync(officePage, "/api/pages/todo", $"核查{d04.Name}的自查自评");
        foreach (var department in others.Skip(others.Count / 2).Append(d04))
        {
            await VerifyAsync(officePage, department, Decision(department));
        }

        // The Party group decides through its mails: three of the four members approve from their links.
        var people = org.People.ToDictionary(p => p.Email ?? p.Id, p => p.Id, StringComparer.Ordinal);
        var mails = await mail.WaitForMailsAsync(before, m => m.Subject.Contains("请审议", StringComparison.Ordinal), 4);
        foreach (var m in mails.Take(3))
        {
            var link = Assert.Single(ApprovalBrowser.Links(await mail.Server.PlainTextAsync(m.Id, default)));
            var member = await browser.PageAsync();
            Assert.Equal(200, (await member.GotoAsync(link.ToString()))?.Status);
            await member.CheckAsync("#approve");
            await member.ClickAsync("button[type=submit]");
            await member.GetByText("您的决定已记录").WaitForAsync();
            Assert.Contains(people[m.To], (await new AuditLog(fixture.Account).ReadAsync(office, Period)).Where(e => e.Action == "decision.approved").Select(e => e.Actor));
        }

        // Published: a prosecutor of D02 objects from the public notice.
        var stored = await new ScorecardRepository(fixture.Account).ForPeriodAsync(office, Period, fixture.Scheme.Id);
        var objector = stored.First(c => c.SubjectKind == SubjectKind.Person && org.FindPerson(c.SubjectId)?.DepartmentId == "D05");
        var staff = await browser.SignInAsync(objector.SubjectId, Role.Staff, "D05");
        await WaitForLinkAsync(staff, "/api/pages/todo", "查看公示结果，如有异议可在公示期内提出");
        await staff.ClickAsync("text=查看公示结果，如有异议可在公示期内提出");
        await staff.ClickAsync("text=提出异议");
        await Chromium.WaitForUrlAsync(staff, "**/objection");
        await staff.FillAsync("#reason", "本人本季度办结案件数与台帐不符，请复核。");
        await staff.ClickAsync("button[type=submit]");
        await staff.GetByText("异议已提交").First.WaitForAsync();

        // Once the objection period ends, the office reviews the objection on its page and lets the results stand.
        await WaitForLinkAsync(officePage, "/api/pages/todo", "审查公示期异议", timeout: TimeSpan.FromMinutes(3));
        await officePage.ClickAsync("text=审查公示期异议");
        await Chromium.WaitForUrlAsync(officePage, "**/objections");
        Assert.Contains("本人本季度办结案件数与台帐不符", await officePage.InnerTextAsync("tbody"), StringComparison.Ordinal);
        await officePage.ClickAsync("button[type=submit]");
        await officePage.GetByText("已记录复核结论：全部维持原结果").WaitForAsync();

        // Final: the dossier shows the objection's outcome; storage holds what the pages did.
        var dossier = $"/api/pages/offices/{office}/people/{objector.SubjectId}/dossier";
        await WaitForTextAsync(staff, dossier, "已复核：维持原结果");
        await WaitAsync(async () => (await new AuditLog(fixture.Account).ReadAsync(office, Period)).Any(e => e.Action == "results.finalised"), TimeSpan.FromMinutes(1));
        var audit = await new AuditLog(fixture.Account).ReadAsync(office, Period);
        Assert.Equal(org.Departments.Count + 1, audit.Count(e => e.Action == "submission.stored")); // D04 twice
        Assert.Equal(org.Departments.Count - 1, audit.Count(e => e.Action == "submission.accepted")); // all but D03 (adjusted); D04 at its second look
        Assert.Single(audit, e => e.Action == "submission.returned" && e.Target == "D04");
        Assert.Single(audit, e => e.Action == "submission.adjusted" && e.Target == "D03");
        Assert.Equal(3, audit.Count(e => e.Action == "decision.approved"));
        Assert.Single(audit, e => e.Action == "objection.filed" && e.Target == objector.SubjectId);
        var final = await new ScorecardRepository(fixture.Account).ForPeriodAsync(office, Period, fixture.Scheme.Id);
        var d03Claim = final.SelectMany(c => c.Lines).Single(l => l.Entry?.Note == "两件案件入选市院典型案例");
        Assert.Equal((1, LedgerVerdict.Adjusted, 2), (d03Claim.Units, d03Claim.Entry!.Verification!.Verdict, d03Claim.Entry.Verification.ClaimedOccurrences));
        var d02Claim = final.SelectMany(c => c.Lines).Single(l => l.Entry?.Note == "入选省院典型案例");
        Assert.Equal(LineOutcome.Applied, d02Claim.Outcome);
        Assert.True(d02Claim.Points > 0);
    }

    private static async Task FillClaimAsync(IPage page, string subject, string occurrences, string evidence, string note, string item = "typical-case")
    {
        await page.SelectOptionAsync("[id='row1.subject_id']", subject);
        await page.SelectOptionAsync("[id='row1.item_id']", item);
        await page.FillAsync("[id='row1.occurrences']", occurrences);
        await page.FillAsync("[id='row1.evidence']", evidence);
        await page.FillAsync("[id='row1.note']", note);
    }

    private static async Task VerifyAsync(IPage officePage, Department department, (string Action, string? Reason, (string Verdict, string? Occurrences, string Reason)? Claim) decision)
    {
        await officePage.GotoAsync("/api/pages/todo");
        await officePage.ClickAsync($"text=核查{department.Name}的自查自评");

        await Chromium.WaitForUrlAsync(officePage, $"**/departments/{department.Id}/verification");
        if (decision.Claim is { } claim)
        {
            await officePage.SelectOptionAsync("#verdict-2", claim.Verdict);
            if (claim.Occurrences is { } occurrences)
            {
                await officePage.FillAsync("#occurrences-2", occurrences);
            }

            await officePage.FillAsync("#claimreason-2", claim.Reason);
        }

        await officePage.CheckAsync($"#action-{decision.Action}");
        if (decision.Reason is { } reason)
        {
            await officePage.FillAsync("#reason", reason);
        }

        var answer = await SubmitAsync(officePage, "form#verification button[type=submit]");

        Assert.True(answer.Status == 200, $"{department.Id}: {answer.Status} {await officePage.InnerTextAsync("main")}");
    }

    private static Task<IResponse> SubmitAsync(IPage page, string button) => Chromium.SubmitAsync(page, button);

    /// <summary>Reloads a page until it links to a task, as a person refreshes their to-do list.</summary>
    private static Task WaitForLinkAsync(IPage page, string url, string name, TimeSpan? timeout = null) =>
        WaitAsync(async () =>
        {
            await page.GotoAsync(url);
            return await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).CountAsync() > 0;
        }, timeout ?? TimeSpan.FromMinutes(2));

    private static Task WaitForTextAsync(IPage page, string url, string text) =>
        WaitAsync(async () =>
        {
            await page.GotoAsync(url);
            return (await page.InnerTextAsync("main")).Contains(text, StringComparison.Ordinal);
        }, TimeSpan.FromMinutes(2));

    private static async Task WaitAsync(Func<Task<bool>> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, $"not reached within {timeout}");
            await Task.Delay(500);
        }
    }

    /// <summary>One browser context per person (each with their own sign-in cookie), all closed at the end.</summary>
    private sealed class Browsers(SelfHostProcess host) : IAsyncDisposable
    {
        private readonly List<IBrowserContext> _contexts = [];

        public async Task<IPage> PageAsync()
        {
            var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
            _contexts.Add(context);
            return await context.NewPageAsync();
        }

        public async Task<IPage> SignInAsync(string user, Role role, string? department)
        {
            var page = await PageAsync();
            await Chromium.SignInAsync(page, await host.TokenAsync(user, role, CycleFixture.Office, department), "/api/pages/todo");
            return page;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var context in _contexts)
            {
                await context.DisposeAsync();
            }
        }
    }
}
