using Appraisal.Domain.Cases;
using Appraisal.Domain.Cycles;
using Appraisal.Domain.Inputs;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.Storage.Cycles;
using Appraisal.Storage.Schemes;
using Appraisal.Storage.Submissions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>Scheme drafting (方案制定) as the appraisal office does it, in headless Chromium with JavaScript off: a draft
/// started from template B; an indicator's points entered wrong are refused at that field with what was typed kept and
/// nothing stored; corrected and stored (a new revision); the difference from the scheme in force; the what-if
/// preview — none before a quarter is complete, then grade counts and the people whose grade changes that match the
/// domain scorer run here on the same data; a second tab's stale form refused as a conflict, nothing overwritten; the
/// draft submitted for the Party group's decision; a quarter awaiting the scheme's decision puts the scheme pages on
/// the office's to-do list. Supervisors read it all without forms; a department head and staff
/// are refused every page.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SchemePageTests
{
    private const string Period = "2026-Q1";
    private const string Draft = "sample-basic-scheme";

    private static string Root => $"/api/pages/offices/{CycleFixture.Office}/schemes";

    private static string Editor => $"{Root}/{Draft}/versions/1";

    private static Task<IResponse> SubmitAsync(IPage page, string button) => Chromium.SubmitAsync(page, button);

    private static string Id(string field) => $"[id='{field}']";

    [Fact]
    public async Task TheAppraisalOffice_DraftsPreviewsAndSubmitsAScheme_ThroughThePages()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Sch" + fixture.Prefix[2..]);
        await host.StartAsync();
        var schemes = new SchemeRepository(fixture.Account);

        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var page = await context.NewPageAsync();
        await Chromium.SignInAsync(page, await host.TokenAsync("office-1", Role.AppraisalOffice, CycleFixture.Office), "/api/pages/todo");
        await page.ClickAsync("nav >> text=考核方案");
        await Chromium.WaitForUrlAsync(page, "**" + Root);
        Assert.Equal("考核方案制定", await page.InnerTextAsync("h1"));
        Assert.Contains("template-b 第 1 版", await page.InnerTextAsync("main dl"), StringComparison.Ordinal);
        Assert.Equal(Draft, await page.InputValueAsync("#schemeId"));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "scheme-list");

        // A new draft from template B, stored through the drafting service: the office's own, version 1, a draft.
        await page.SelectOptionAsync("#source", "template:B");
        await page.ClickAsync("form button[type=submit]");
        await Chromium.WaitForUrlAsync(page, $"**{Editor}?done=created");
        var created = await schemes.GetAsync(Draft, 1);
        Assert.Equal((CycleFixture.Office, SchemeStatus.Draft), (created!.OfficeId, created.Status));
        Assert.Equal(SchemeDocument(SchemeTemplates.Load("B") with { Id = Draft }), SchemeDocument(created.Scheme));
        Assert.Equal("30", await page.InputValueAsync(Id("targetIndicators[0].points")));

        // An indicator's points entered wrong: refused at that field, what was typed kept, nothing stored.
        await page.FillAsync(Id("targetIndicators[0].points"), "-5");
        await page.FillAsync(Id("grading.excellentQuotaPercent"), "0");
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        var refused = await SubmitAsync(page, "button[value=save]");
        Assert.Equal(422, refused.Status);
        Assert.Equal("true", await page.GetAttributeAsync(Id("targetIndicators[0].points"), "aria-invalid"));
        Assert.Equal("targetIndicators[0].points-error", await page.GetAttributeAsync(Id("targetIndicators[0].points"), "aria-describedby"));
        Assert.Contains("-5", await page.InnerTextAsync(Id("targetIndicators[0].points-error")), StringComparison.Ordinal);
        Assert.Equal("targetIndicators[0].points", await page.GetAttributeAsync("#errors li", "data-field"));
        Assert.Equal("-5", await page.InputValueAsync(Id("targetIndicators[0].points")));
        Assert.Equal("0", await page.InputValueAsync(Id("grading.excellentQuotaPercent")));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.ScreenshotAsync(page, "scheme-editor-error");

        // Corrected: stored as a new revision of the draft.
        await page.FillAsync(Id("targetIndicators[0].points"), "25");
        var saved = await SubmitAsync(page, "button[value=save]");
        Assert.Equal(200, saved.Status);
        Assert.Equal("已保存。", await page.InnerTextAsync("[role=status]"));
        var revised = (await schemes.GetAsync(Draft, 1))!;
        Assert.NotEqual(created.ETag, revised.ETag);
        Assert.Equal((25m, 0m, SchemeStatus.Draft), (revised.Scheme.TargetIndicators[0].Points, revised.Scheme.Grading.ExcellentQuotaPercent, revised.Status));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "scheme-editor-saved");

        // The difference: the first version, compared with the scheme in force.
        await page.ClickAsync("text=与上一版对照");
        await Chromium.WaitForUrlAsync(page, $"**{Editor}/diff");
        Assert.Contains("template-b 第 1 版", await page.InnerTextAsync("#baseline"), StringComparison.Ordinal);
        var points = page.Locator("tr[data-change='targetIndicators/case-count/Changed']");
        Assert.Equal(["分值", "30", "25"], (await points.Locator("td").AllInnerTextsAsync()).Skip(2).ToList());
        Assert.Contains("20", await page.InnerTextAsync("tr[data-change='scheme/sample-basic-scheme/Changed']"), StringComparison.Ordinal);
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "scheme-diff");

        // No quarter completed yet: the preview says so.
        await page.GotoAsync($"{Editor}/preview");
        Assert.Contains("尚无已完成", await page.InnerTextAsync("#no-period"), StringComparison.Ordinal);

        // A completed quarter (its cycle final, every department's ledger stored, the ratings entered as paper results):
        // the preview scores it under both schemes, as the domain scorer does here on the same data.
        var org = fixture.Sample.Organisation;
        var now = DateTimeOffset.UtcNow;
        await new CycleRepository(fixture.Account).CreateAsync(new CycleRecord(CycleFixture.Office, Period, fixture.Scheme.Id, fixture.Scheme.Version, CycleStage.Final, now, now));
        foreach (var department in org.Departments)
        {
            var subjects = org.People.Where(p => p.DepartmentId == department.Id).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            using var ledger = new StringWriter();
            LedgerCsv.Write(ledger, fixture.Sample.Ledger[fixture.Scheme.Id].Where(l => subjects.Contains(l.SubjectId)));
            await new SubmissionRepository(fixture.Account).SubmitAsync(new SubmissionRecord(CycleFixture.Office, Period, department.Id, null, "head-" + department.Id, now, null, "accepted",
                new DepartmentClaims(ledger.ToString()).ToPayload()));
        }

        var paper = RatingCell.Aggregate(fixture.Sample.Ratings[fixture.Scheme.Id]).Select(c => RatingCell.FromPaper(c.SubjectId, c.IndicatorId, c.Group, c.Count, c.Sum / c.Count)).ToList();
        var box = new Appraisal.Storage.Ballots.BallotBox(fixture.Account);
        foreach (var cell in paper)
        {
            await box.PutPaperAsync(CycleFixture.Office, Period, new Appraisal.Storage.Ballots.SealedCell(cell.SubjectId, cell.IndicatorId, cell.Group, cell.Count, cell.Sum, null, null, Paper: true));
        }

        IReadOnlyList<Scorecard> Score(Scheme scheme) => Scorer.Score(ScoringInput.Prepare(scheme, Domain.Periods.Period.Parse(Period), SubjectSet.For(scheme, org),
            CaseLog.From(fixture.Sample.Cases), paper, fixture.Sample.Ledger[fixture.Scheme.Id]));
        var inForce = Score(fixture.Scheme).ToDictionary(c => c.SubjectId);
        var drafted = Score(revised.Scheme).ToDictionary(c => c.SubjectId);
        var changed = drafted.Keys.Where(id => drafted[id].Grade != inForce[id].Grade).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(changed); // no one may be Excellent under the draft, and some were under the scheme in force

        await page.GotoAsync($"{Editor}/preview");
        Assert.Contains(Period, await page.InnerTextAsync("#basis"), StringComparison.Ordinal);
        foreach (var grade in Enum.GetValues<Grade>())
        {
            var cells = await page.Locator($"tr[data-grade='{grade}'] td").AllInnerTextsAsync();
            Assert.Equal([inForce.Values.Count(c => c.Grade == grade).ToString(), drafted.Values.Count(c => c.Grade == grade).ToString()], cells.Take(2).ToList());
        }

        Assert.Equal([inForce.Count.ToString(), drafted.Count.ToString()], (await page.Locator("tr[data-grade='total'] td").AllInnerTextsAsync()).Take(2).ToList());
        Assert.Equal("0", (await page.Locator("tr[data-grade='Excellent'] td").AllInnerTextsAsync())[1]);
        var listed = await page.Locator("#changed tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.subject)");
        Assert.Equal(changed, listed.Order(StringComparer.Ordinal).ToList());
        var first = Assert.Single(changed.Take(1));
        var row = await page.InnerTextAsync($"tr[data-subject='{first}']");
        Assert.Contains($"{ScorecardTotal(inForce[first])} → {ScorecardTotal(drafted[first])}", row, StringComparison.Ordinal);
        Assert.Contains(inForce[first].Total != drafted[first].Total ? "总分变化" : inForce[first].QualifiedGrade != drafted[first].QualifiedGrade ? "分数线变化" : "优秀比例上限", row, StringComparison.Ordinal);
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "scheme-preview");

        // Two tabs on the same draft: the first saves; the second, served before it, is a conflict and overwrites nothing.
        await page.GotoAsync(Editor);
        var other = await context.NewPageAsync();
        await other.GotoAsync(Editor);
        await page.FillAsync(Id("ledgerItems[0].points"), "8");
        Assert.Equal(200, (await SubmitAsync(page, "button[value=save]")).Status);
        var kept = (await schemes.GetAsync(Draft, 1))!;
        Assert.Equal(8m, kept.Scheme.LedgerItems[0].Points);
        await other.FillAsync(Id("ledgerItems[1].points"), "6");
        before = await StorageSnapshot.TakeAsync(fixture.Account);
        var stale = await SubmitAsync(other, "button[value=save]");
        Assert.Equal(409, stale.Status);
        Assert.Contains("被他人修改", await other.InnerTextAsync("#errors"), StringComparison.Ordinal);
        Assert.Equal("6", await other.InputValueAsync(Id("ledgerItems[1].points")));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.ScreenshotAsync(other, "scheme-editor-conflict");

        // The same draft as JSON (for advanced editing): a document that does not read is refused beside it, kept, nothing stored.
        await page.GotoAsync(Editor);
        var document = await page.InputValueAsync("#document");
        Assert.Contains("\"id\": \"sample-basic-scheme\"", document, StringComparison.Ordinal);
        await page.FillAsync("#document", document.Replace("\"excellentQuotaPercent\": 0", "\"excellentQuotaPercent\": 120", StringComparison.Ordinal));
        before = await StorageSnapshot.TakeAsync(fixture.Account);
        Assert.Equal(422, (await SubmitAsync(page, "button[value=json]")).Status);
        Assert.Equal("true", await page.GetAttributeAsync("#document", "aria-invalid"));
        Assert.Contains("$.grading.excellentQuotaPercent", await page.InnerTextAsync(Id("document-error")), StringComparison.Ordinal);
        Assert.Contains("120", await page.InputValueAsync("#document"), StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));

        // A submission without the form's anti-forgery value, or with a version tag that would match any version: refused.
        await page.GotoAsync(Editor);
        var antiForgery = await page.InputValueAsync("form[action$='/submission'] input[name=af]");
        foreach (var (af, etag, status) in new[] { ("", kept.ETag.ToString(), 400), (antiForgery, "*", 400), (antiForgery, "", 400) })
        {
            var forged = await context.APIRequest.PostAsync($"{Editor}/submission", new APIRequestContextOptions { Form = context.APIRequest.CreateFormData().Set("af", af).Set("etag", etag), MaxRedirects = 0 });
            Assert.Equal(status, forged.Status);
        }

        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));

        // Submitted for the Party group's decision: no longer edited, no form offered.
        await page.GotoAsync(Editor);
        await page.ClickAsync("#submit-draft");
        await Chromium.WaitForUrlAsync(page, $"**{Editor}?done=submitted");
        Assert.Equal(SchemeStatus.Submitted, (await schemes.GetAsync(Draft, 1))!.Status);
        Assert.Equal(0, await page.Locator("main form").CountAsync());
        Assert.Contains("已提交院党组审议", await page.InnerTextAsync("[role=status]"), StringComparison.Ordinal);
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "scheme-submitted");

        // A supervisor (纪检监察) reads every page, without a form; English on request.
        await using var supervisorContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var supervisor = await supervisorContext.NewPageAsync();
        await Chromium.SignInAsync(supervisor, await host.TokenAsync("supervisor-1", Role.Supervisor, CycleFixture.Office), Root);
        Assert.Equal(0, await supervisor.Locator("main form").CountAsync());
        foreach (var path in new[] { Editor, $"{Editor}/diff", $"{Editor}/preview" })
        {
            Assert.Equal(200, (await supervisor.GotoAsync(path))!.Status);
            Assert.Equal(0, await supervisor.Locator("main form").CountAsync());
        }

        await supervisor.GotoAsync(Editor + "?lang=en");
        Assert.StartsWith("Scheme", await supervisor.InnerTextAsync("h1"), StringComparison.Ordinal);
        await Chromium.AssertAccessibleAsync(supervisor);
        await Chromium.ScreenshotAsync(supervisor, "scheme-read-only-en");

        // A department head and staff: refused every page (403), and their posts store nothing.
        foreach (var (user, role, department) in new[] { ("head-D02", Role.DepartmentHead, "D02"), ("staff-1", Role.Staff, (string?)"D02") })
        {
            await using var outsiderContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
            var outsider = await outsiderContext.NewPageAsync();
            await Chromium.SignInAsync(outsider, await host.TokenAsync(user, role, CycleFixture.Office, department), "/api/pages/todo");
            Assert.DoesNotContain("考核方案", await outsider.InnerTextAsync("nav"), StringComparison.Ordinal);
            foreach (var path in new[] { Root, Editor, $"{Editor}/diff", $"{Editor}/preview" })
            {
                Assert.Equal(403, (await outsider.GotoAsync(path))!.Status);
            }

            before = await StorageSnapshot.TakeAsync(fixture.Account);
            var post = await outsiderContext.APIRequest.PostAsync(Root, new APIRequestContextOptions { Form = outsiderContext.APIRequest.CreateFormData().Set("source", "template:A").Set("schemeId", "x") });
            Assert.Equal(403, post.Status);
            Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        }

        // Another scheme of the office, from template A; a quarter started under it, with no version decided or
        // submitted, awaits the scheme's decision: the appraisal office's to-do list leads to the scheme pages.
        await page.GotoAsync(Root);
        await page.SelectOptionAsync("#source", "template:A");
        await page.FillAsync("#schemeId", "sample-basic-2027");
        await page.ClickAsync("form button[type=submit]");
        await Chromium.WaitForUrlAsync(page, $"**{Root}/sample-basic-2027/versions/1?done=created");
        var fromA = (await schemes.GetAsync("sample-basic-2027", 1))!;
        Assert.Equal(CycleFixture.Office, fromA.OfficeId);
        Assert.Equal(SchemeTemplates.Load("A").Categories.Select(c => c.Id), fromA.Scheme.Categories.Select(c => c.Id));
        using var actors = fixture.Actors(host, "2026-Q2");
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await actors.StartAsync(new CycleStart(CycleFixture.Office, "2026-Q2", "sample-basic-2027"))).StatusCode);
        await actors.WaitForAsync("SchemeDecision");
        await page.GotoAsync("/api/pages/todo");
        await page.ClickAsync("text=起草考核方案并提交院党组审议");
        await Chromium.WaitForUrlAsync(page, "**" + Root);
        Assert.Equal(2, await page.Locator("main table tbody tr").CountAsync());
        await Chromium.ScreenshotAsync(page, "scheme-list-two");
    }

    private static string SchemeDocument(Scheme scheme) => Domain.Schemes.Json.SchemeDocument.Write(scheme);

    private static string ScorecardTotal(Scorecard card) => card.Total.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
