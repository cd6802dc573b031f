using System.Net;
using Appraisal.Storage.Ballots;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Ratings;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>The appraisal office's paper-entry page of a rating window (民主测评) in headless Chromium with JavaScript
/// off, on a quarter at self-evaluation whose window is open and some of whose raters answered: the response rates as
/// a table, a mean out of range refused beside its field with what was entered kept and nothing stored, then an entry
/// stored as a paper cell and listed; a forged form stores nothing; the dashboard links the page with the overall
/// rate; a supervisor reads the page without the form. (The form's service refuses paper results at every stage from
/// scoring on — RatingResultsActionsTests, the API at each stage in StageMatrixTests.)</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PaperRatingsPageTests
{
    private const string Period = "2026-Q1";

    [Fact]
    public async Task TheOffice_EntersPaperBallots_TheErrorBesideItsField_ThenStored_WithTheResponseRates()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Paper" + fixture.Prefix[2..]);
        await host.StartAsync();
        using var actors = fixture.Actors(host, Period);
        Assert.Equal(HttpStatusCode.Accepted, (await actors.StartAsync(new CycleStart(CycleFixture.Office, Period, SelfEvaluationTime: TimeSpan.FromMinutes(30), RatingTime: TimeSpan.FromHours(2)))).StatusCode);
        await actors.WaitForAsync("SelfEvaluation");

        // The window open, three raters answering every section.
        await fixture.WaitForRatingWindowAsync(Period);
        var org = fixture.Sample.Organisation;
        var box = new BallotBox(fixture.Account);
        var members = CycleRecords.PartyGroup(org, new CycleOptions()).Members;
        foreach (var (rater, sections) in Questionnaire.Raters(org, fixture.Scheme, members).Take(3))
        {
            var receipt = BallotBox.NewReceipt();
            foreach (var section in sections)
            {
                await box.CastAsync(CycleFixture.Office, Period, rater.Id, section.Id, receipt, section.Questions.Select(q => new BallotScore(q.Subject.Id, q.Indicator.Id, q.Group.Group, 88m)).ToList());
            }
        }

        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var page = await context.NewPageAsync();
        var paper = $"/api/pages/cycles/{CycleFixture.Office}/{Period}/ratings/paper";
        await Chromium.SignInAsync(page, await host.TokenAsync("office-1", Role.AppraisalOffice, CycleFixture.Office), paper);
        Assert.StartsWith("民主测评", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.Contains("3 / ", await page.InnerTextAsync("#overall"), StringComparison.Ordinal);
        Assert.True(await page.Locator("#rates tbody tr").CountAsync() > 0);
        Assert.Equal(1, await page.Locator("#no-entries").CountAsync());
        Assert.Equal(new[] { "考核对象", "测评指标", "评价主体", "票数", "平均分" }, await page.Locator("form[method=post] label").AllInnerTextsAsync());
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "ratings-paper-form");

        // A mean out of range: the error beside it, what was entered kept, nothing stored.
        var subject = (await page.Locator("#subjectId option").EvaluateAllAsync<string[]>("els => els.map(e => e.value)")).First(v => v.Length > 0);
        await page.SelectOptionAsync("#subjectId", subject);
        await page.SelectOptionAsync("#indicatorId", "conduct-evaluation");
        await page.SelectOptionAsync("#group", "colleagues");
        await page.FillAsync("#count", "24");
        await page.FillAsync("#mean", "100.5");
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        var refused = await Chromium.SubmitAsync(page, "form button[type=submit]");
        Assert.True(refused.Status == 422, $"expected 422, found {refused.Status}: {await page.InnerTextAsync("main")}");
        Assert.Equal("mean", await page.GetAttributeAsync("#errors li", "data-field"));
        Assert.Equal("true", await page.GetAttributeAsync("#mean", "aria-invalid"));
        Assert.Contains("mean-error", await page.GetAttributeAsync("#mean", "aria-describedby"), StringComparison.Ordinal);
        Assert.Contains("100.5", await page.InnerTextAsync("#mean-error"), StringComparison.Ordinal);
        Assert.Equal(("24", "100.5", subject), (await page.InputValueAsync("#count"), await page.InputValueAsync("#mean"), await page.InputValueAsync("#subjectId")));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "ratings-paper-error");

        // A forged form (no anti-forgery value): refused, nothing stored.
        var forged = await context.APIRequest.PostAsync(paper, new APIRequestContextOptions
        {
            Form = context.APIRequest.CreateFormData().Set("subjectId", subject).Set("indicatorId", "conduct-evaluation").Set("group", "colleagues").Set("count", "24").Set("mean", "90"),
        });
        Assert.Equal(400, forged.Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));

        // Right: stored as a paper cell, listed on the page.
        await page.FillAsync("#mean", "90.25");
        var stored = await Chromium.SubmitAsync(page, "form button[type=submit]");
        Assert.True(stored.Status == 200, $"expected 200, found {stored.Status}: {await page.InnerTextAsync("main")}");
        Assert.Contains("同事评议，24 票，平均分 90.25", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
        var cell = Assert.Single(await box.CellsAsync(CycleFixture.Office, Period));
        Assert.Equal(new SealedCell(subject, "conduct-evaluation", "colleagues", 24, 2166m, null, null, Paper: true), cell);
        Assert.Equal(1, await page.Locator("#entries tbody tr").CountAsync());
        Assert.Contains("90.25", await page.InnerTextAsync("#entries tbody tr"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, await page.InputValueAsync("#mean"));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "ratings-paper-stored");

        // The dashboard shows the quarter's rate and links the page.
        await page.GotoAsync($"/api/pages/offices/{CycleFixture.Office}/dashboard");
        Assert.Contains("民主测评参评率", await page.InnerTextAsync($"tr[data-period='{Period}'] .ratings"), StringComparison.Ordinal);
        Assert.Contains("（3 / ", await page.InnerTextAsync($"tr[data-period='{Period}'] .ratings"), StringComparison.Ordinal);
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "ratings-dashboard");
        await page.ClickAsync($"tr[data-period='{Period}'] a[href*='/ratings/paper']");
        await Chromium.WaitForUrlAsync(page, "**/ratings/paper");

        // A supervisor reads the rates and entries, without the form.
        await using var supervisorContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var supervisor = await supervisorContext.NewPageAsync();
        await Chromium.SignInAsync(supervisor, await host.TokenAsync("supervisor-1", Role.Supervisor, CycleFixture.Office), paper);
        Assert.Equal(1, await supervisor.Locator("#entries tbody tr").CountAsync());
        Assert.Equal(0, await supervisor.Locator("form[method=post] #mean").CountAsync());
        await Chromium.AssertAccessibleAsync(supervisor);

        // The month's bulletin carries the running quarter's response rates by department, as a table of its own.
        using (var month = fixture.Actors(host, "2026-M01"))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await month.StartAsync(new CycleStart(CycleFixture.Office, "2026-M01"))).StatusCode);
            await month.WaitForAsync("Completed", TimeSpan.FromMinutes(2));
        }

        await supervisor.GotoAsync($"/api/pages/offices/{CycleFixture.Office}/bulletins/2026-M01");
        var rates = supervisor.Locator("main table").Last;
        Assert.Contains("2026-Q1 民主测评参评率", await supervisor.InnerTextAsync("main"), StringComparison.Ordinal);
        var departments = fixture.Sample.Organisation.Departments.Where(d => SubjectsIn(fixture, d.Id)).Select(d => d.Name).ToList();
        Assert.Equal(departments, (await rates.Locator("tbody tr").AllAsync()).Count == departments.Count
            ? await rates.Locator("tbody tr td:first-child").AllInnerTextsAsync() : ["the bulletin's rates table has another number of rows"]);
        await Chromium.AssertAccessibleAsync(supervisor);
        await Chromium.ScreenshotAsync(supervisor, "ratings-bulletin");
    }

    private static bool SubjectsIn(CycleFixture fixture, string department) =>
        Domain.Scoring.SubjectSet.For(fixture.Scheme, fixture.Sample.Organisation).Items.Any(s => s.DepartmentId == department);
}
