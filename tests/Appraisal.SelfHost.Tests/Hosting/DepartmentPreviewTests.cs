using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Appraisal.Domain.Organisation;
using Appraisal.Domain.Schemes;
using Appraisal.Domain.Scoring;
using Appraisal.SelfHost.Demo;
using Appraisal.Storage.Outbox;
using Appraisal.Storage.Scorecards;
using Appraisal.Storage.Submissions;
using Appraisal.Workflow.Cycle;
using Appraisal.Workflow.Identity;
using Appraisal.Workflow.Notifications;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>A department head previews the department's scores in headless Chromium with JavaScript off: a bad ledger
/// row is refused beside the row (nothing stored, the entries kept); good claims are scored without anything stored;
/// once submitted, verified and scored by the cycle, the stored scorecards hold exactly the previewed figures. Then
/// the Party group's decision page, opened from the link in its mail with no one signed in, shows the changes against
/// the previous quarter as stored.</summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class DepartmentPreviewTests
{
    private const string Period = "2026-Q1";
    private const string Department = "D02";

    [Fact]
    public async Task TheHeadPreviews_NothingIsStored_AndTheCycleScoresExactlyWhatWasPreviewed()
    {
        var fixture = await CycleFixture.CreateAsync(Period);
        await using var host = new SelfHostProcess(fixture.Prefix, "Pv" + fixture.Prefix[2..]);
        await host.StartAsync();
        using var actors = fixture.Actors(host, Period);
        Assert.Equal(HttpStatusCode.Accepted, (await actors.StartAsync(new CycleStart(CycleFixture.Office, Period, SelfEvaluationTime: TimeSpan.FromMinutes(10), RemindBefore: TimeSpan.Zero))).StatusCode);
        await actors.WaitForAsync("SelfEvaluation");
        var org = fixture.Sample.Organisation;
        var head = org.People.First(p => p.DepartmentId == Department && p.Post == LeadershipPost.DepartmentHead);
        var people = org.People.Where(p => p.DepartmentId == Department).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var ledger = fixture.Sample.Ledger[fixture.Scheme.Id]
            .Where(e => people.Contains(e.SubjectId) && !fixture.Scheme.LedgerItems.Single(i => i.Id == e.ItemId).YearEndOnly).ToList();
        Assert.NotEmpty(ledger);

        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var page = await context.NewPageAsync();
        var sheet = $"/api/pages/cycles/{CycleFixture.Office}/{Period}/departments/{Department}/submission";
        await Chromium.SignInAsync(page, await host.TokenAsync(head.Id, Role.DepartmentHead, CycleFixture.Office, Department), sheet);
        while (await page.Locator("tbody tr:has(select[name^=subject_])").CountAsync() < ledger.Count)
        {
            await Chromium.SubmitAsync(page, "button[value=more]");
        }

        for (var i = 0; i < ledger.Count; i++)
        {
            var n = i + 1;
            await page.SelectOptionAsync($"[id='row{n}.subject_id']", ledger[i].SubjectId);
            await page.SelectOptionAsync($"[id='row{n}.item_id']", ledger[i].ItemId);
            await page.FillAsync($"[id='row{n}.occurrences']", ledger[i].Occurrences.ToString(CultureInfo.InvariantCulture));
            await page.FillAsync($"[id='row{n}.evidence']", ledger[i].Evidence ?? string.Empty);
            await page.FillAsync($"[id='row{n}.note']", ledger[i].Note ?? string.Empty);
        }

        // A bad row: refused beside it, the entries kept, nothing scored or stored.
        await page.FillAsync("[id='row1.occurrences']", "0");
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        var refused = await Chromium.SubmitAsync(page, "button[value=preview]");
        Assert.Equal(422, refused.Status);
        Assert.Equal("true", await page.GetAttributeAsync("[id='row1.occurrences']", "aria-invalid"));
        Assert.Contains("第 1 行", await page.InnerTextAsync("td:has([id='row1.occurrences']) .field-error"), StringComparison.Ordinal);
        Assert.Equal("0", await page.InputValueAsync("[id='row1.occurrences']"));
        Assert.Equal(ledger[0].SubjectId, await page.InputValueAsync("[id='row1.subject_id']"));
        Assert.Equal(0, await page.Locator("#preview").CountAsync());
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "preview-bad-row");

        // Good claims: previewed, still nothing stored.
        await page.FillAsync("[id='row1.occurrences']", ledger[0].Occurrences.ToString(CultureInfo.InvariantCulture));
        var previewed = await Chromium.SubmitAsync(page, "button[value=preview]");
        Assert.Equal(200, previewed.Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        Assert.Empty(await new SubmissionRepository(fixture.Account).ForDepartmentAsync(CycleFixture.Office, Period, Department));
        Assert.Contains("全院", await page.InnerTextAsync("#preview"), StringComparison.Ordinal);
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var row in await page.Locator("#preview-subjects tbody tr").AllAsync())
        {
            totals[(await row.GetAttributeAsync("data-subject"))!] = decimal.Parse((await row.Locator("td[data-total]").GetAttributeAsync("data-total"))!, CultureInfo.InvariantCulture);
        }

        var departmentScore = decimal.Parse(await page.InnerTextAsync("#preview-department"), CultureInfo.InvariantCulture);
        var rowPoints = new List<decimal>();
        for (var n = 1; n <= ledger.Count; n++)
        {
            rowPoints.Add(decimal.Parse(Points().Match(await page.InnerTextAsync($"[id='row{n}.preview']")).Value, CultureInfo.InvariantCulture));
        }

        Assert.Equal(ledger[0].Occurrences.ToString(CultureInfo.InvariantCulture), await page.InputValueAsync("[id='row1.occurrences']"));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "preview-department");

        // Submitted from the same page; a preview sent after it is refused as a second submission would be (409).
        var antiForgery = await page.InputValueAsync("form:has(input[name=rows]) input[name=af]");
        Assert.Equal(200, (await Chromium.SubmitAsync(page, "button[value=submit]")).Status);
        before = await StorageSnapshot.TakeAsync(fixture.Account);
        var late = await context.APIRequest.PostAsync(sheet, new APIRequestContextOptions
        {
            Form = context.APIRequest.CreateFormData().Set("af", antiForgery).Set("rows", "1").Set("intent", "preview"),
        });
        Assert.Equal(409, late.Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));

        // Every other department submits; the office accepts all; the cycle scores.
        foreach (var d in org.Departments.Where(d => d.Id != Department))
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.SubmitWhenOpenAsync(d.Id));
        }

        foreach (var d in CycleActors.Awaiting(await actors.WaitForAsync("Verification")))
        {
            Assert.Equal(HttpStatusCode.Accepted, await actors.VerifyAsync(d));
        }

        await actors.WaitForAsync("Decision");
        var stored = await new ScorecardRepository(fixture.Account).ForPeriodAsync(CycleFixture.Office, Period, fixture.Scheme.Id);
        var ours = stored.Where(c => c.DepartmentId == Department).ToList();
        Assert.Equal(ours.ToDictionary(c => c.SubjectId, c => c.Total, StringComparer.Ordinal).OrderBy(x => x.Key, StringComparer.Ordinal), totals.OrderBy(x => x.Key, StringComparer.Ordinal));
        Assert.Equal(Math.Round(ours.Average(c => c.Total), 2, MidpointRounding.AwayFromZero), departmentScore);
        for (var i = 0; i < ledger.Count; i++)
        {
            var card = ours.Single(c => c.SubjectId == ledger[i].SubjectId);
            var line = card.Lines.Where(l => l.Entry is { } e && e.ItemId == ledger[i].ItemId && e.Occurrences == ledger[i].Occurrences && e.Evidence == ledger[i].Evidence).ToList();
            Assert.Contains(rowPoints[i], line.Select(l => l.Points));
        }

        await DecisionPageShowsTheChangesAsync(fixture, host, stored);
    }

    /// <summary>The previous quarter's results stored (some grades otherwise, one person not appraised then); the
    /// decision page from a member's mailed link, with no one signed in, counts each grade in both and names whose grade
    /// changed.</summary>
    private static async Task DecisionPageShowsTheChangesAsync(CycleFixture fixture, SelfHostProcess host, IReadOnlyList<Scorecard> now)
    {
        var ranked = now.OrderBy(c => c.OfficeRank).ThenBy(c => c.SubjectId, StringComparer.Ordinal).ToList();
        var changed = ranked.Take(3).ToDictionary(c => c.SubjectId, c => c.Grade == Grade.Competent ? Grade.Good : Grade.Competent, StringComparer.Ordinal);
        var previous = ranked.Skip(1).Select(c => c with { Period = "2025-Q4", Grade = changed.GetValueOrDefault(c.SubjectId, c.Grade) }).ToList();
        await new ScorecardRepository(fixture.Account).SaveAsync(CycleFixture.Office, previous, final: true);

        var mails = await new OutboxRepository(fixture.Account).AllAsync(OutboxCycleNotifications.Stream(CycleFixture.Office, Period));
        var link = ApprovalBrowser.Links(mails.First(m => m.Value.Subject.Contains("请审议", StringComparison.Ordinal)).Value.Body).First();
        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        Assert.Equal(200, (await page.GotoAsync(link.ToString()))!.Status);
        Assert.Equal("院党组审议考核结果", await page.InnerTextAsync("h1"));
        Assert.Equal(0, await page.Locator("nav a[href*='/pages/']").CountAsync());
        foreach (var grade in Enum.GetValues<Grade>().Where(g => now.Any(c => c.Grade == g) || previous.Any(c => c.Grade == g)))
        {
            var cells = await page.Locator($"#grade-changes tr[data-grade={grade}] td.n").AllInnerTextsAsync();
            Assert.Equal([now.Count(c => c.Grade == grade), previous.Count(c => c.Grade == grade)], cells.Take(2).Select(int.Parse));
        }

        var movers = await page.Locator("#grade-movers tbody tr").AllAsync();
        var expected = changed.Keys.Where(id => id != ranked[0].SubjectId).ToHashSet(StringComparer.Ordinal); // the first was not appraised then
        Assert.Equal(expected.Count, movers.Count);
        foreach (var row in movers)
        {
            var id = (await row.GetAttributeAsync("data-subject"))!;
            Assert.Contains(id, expected);
            var card = now.Single(c => c.SubjectId == id);
            Assert.Equal(
                [card.SubjectName, fixture.Sample.Organisation.FindDepartment(card.DepartmentId)!.Name, Domain.Text.ScorecardText.Grade(changed[id], Domain.Text.Language.Zh), Domain.Text.ScorecardText.Grade(card.Grade, Domain.Text.Language.Zh)],
                await row.Locator("td").AllInnerTextsAsync());
        }

        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "approval-changes");
        await page.GotoAsync(link + "?lang=en");
        Assert.Equal("Changes against the last period", await page.InnerTextAsync("h2:has-text('Changes')"));
        await Chromium.ScreenshotAsync(page, "approval-changes-en");
    }

    [GeneratedRegex(@"^[+-]?[0-9]+\.[0-9]{2}")]
    private static partial Regex Points();
}
