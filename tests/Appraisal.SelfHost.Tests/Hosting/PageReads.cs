using System.Globalization;
using Appraisal.Domain.Schemes;
using Appraisal.Storage.Scorecards;
using Appraisal.Workflow.Identity;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>A final cycle's pages in headless Chromium, with JavaScript off (the pages are plain HTML): a person signs
/// in on the sign-in page with an issued token and reads the public notice and their own dossier; the appraisal
/// office reads its dashboard. The Chinese text is there, every number equals the stored scorecard, a refusal is a
/// readable page naming why, and each page is kept as a screenshot.</summary>
internal static class PageReads
{
    public static async Task AssertPagesAsync(SelfHostProcess host, CycleFixture fixture, string period)
    {
        var stored = await new ScorecardRepository(fixture.Account).ForPeriodAsync(CycleFixture.Office, period, fixture.Scheme.Id);
        var person = stored.First(c => c.SubjectKind == SubjectKind.Person && c.Lines.Count > 3);
        await using var staff = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var page = await staff.NewPageAsync();

        // Not signed in: the page says so and links to the sign-in page, which brings the reader back.
        var notice = $"/api/pages/cycles/{CycleFixture.Office}/{period}/notice";
        Assert.Equal(401, (await page.GotoAsync(notice))!.Status);
        Assert.Contains("请先登录", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        await page.ClickAsync("main a");
        await page.FillAsync("#token", await host.TokenAsync(person.SubjectId, Role.Staff, CycleFixture.Office));
        await page.ClickAsync("button[type=submit]");
        await Chromium.WaitForUrlAsync(page, $"**{notice}");

        // The notice: every row's score as stored, by name; nothing but rank, name, score and grade.
        Assert.Contains("考核结果公示", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        var rows = await page.Locator("main table tbody tr").AllAsync();
        Assert.Equal(stored.Count, rows.Count);
        var byName = stored.GroupBy(c => c.SubjectName).ToDictionary(g => g.Key, g => g.Select(c => c.Total.ToString("0.00", CultureInfo.InvariantCulture)).ToHashSet());
        foreach (var row in rows)
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            Assert.Equal(4, cells.Count);
            Assert.Contains(cells[2], byName[cells[1]]);
        }

        Assert.Contains("公示期已结束", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "notice");
        await Chromium.AssertAccessibleAsync(page);

        // Their own dossier: the total and every scorecard line.
        var dossier = $"/api/pages/offices/{CycleFixture.Office}/people/{person.SubjectId}/dossier";
        Assert.Equal(200, (await page.GotoAsync(dossier))!.Status);
        Assert.Contains($"{person.SubjectName} 的业绩档案", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.Equal(person.Total.ToString("0.00", CultureInfo.InvariantCulture), await page.InnerTextAsync("section .total"));
        Assert.Equal(person.Lines.Count, await page.Locator("section table tbody tr").CountAsync());
        Assert.Contains("最终结果", await page.InnerTextAsync("section h4"), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("label[for=year]").CountAsync());
        await Chromium.ScreenshotAsync(page, "dossier");
        await Chromium.AssertAccessibleAsync(page);

        // The filter form, by keyboard, without JavaScript: monthly results only — none.
        await page.FocusAsync("#kind");
        await page.SelectOptionAsync("#kind", "Month");
        await page.ClickAsync("form.filters button");
        await Chromium.WaitForUrlAsync(page, "**kind=Month**");
        Assert.Contains("没有符合条件的考核结果", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // Someone else's dossier, and the office's dashboard: refused, each a page naming why.
        var other = stored.First(c => c.SubjectKind == SubjectKind.Person && c.SubjectId != person.SubjectId);
        Assert.Equal(403, (await page.GotoAsync($"/api/pages/offices/{CycleFixture.Office}/people/{other.SubjectId}/dossier"))!.Status);
        Assert.Equal("personId", await page.GetAttributeAsync("[role=alert]", "data-field"));
        Assert.Equal(403, (await page.GotoAsync($"/api/pages/offices/{CycleFixture.Office}/dashboard"))!.Status);
        Assert.Equal("Authorization", await page.GetAttributeAsync("[role=alert]", "data-field"));
        await Chromium.AssertAccessibleAsync(page);

        // The appraisal office's dashboard: the cycle, final, nothing overdue.
        await using var office = await Chromium.ContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            JavaScriptEnabled = false,
            BaseURL = host.Url.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + await host.TokenAsync("office-1", Role.AppraisalOffice, CycleFixture.Office) },
        });
        var board = await office.NewPageAsync();
        Assert.Equal(200, (await board.GotoAsync($"/api/pages/offices/{CycleFixture.Office}/dashboard"))!.Status);
        var row1 = await board.Locator("main table tbody tr").AllInnerTextsAsync();
        Assert.Contains(row1, r => r.Contains(period, StringComparison.Ordinal) && r.Contains("结果确定", StringComparison.Ordinal) && r.Contains("已完成", StringComparison.Ordinal));
        Assert.Contains("逾期事项 0 项", await board.InnerTextAsync("main"), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(board, "dashboard");
        await Chromium.AssertAccessibleAsync(board);
    }
}
