using Appraisal.Domain.Schemes;
using Appraisal.Storage.Schemes;
using Appraisal.Workflow.Identity;
using Microsoft.Playwright;

namespace Appraisal.SelfHost.Tests.Hosting;

/// <summary>What a scheme draft says about its ratings, edited by the appraisal office in headless Chromium with
/// JavaScript off and by keyboard only: a rater group's raters (a select), its k and the indicator's fallback rating
/// typed, a rater group added (with the department that rates) and the draft saved — the values stored and shown again
/// as saved; a k of 0 refused at that field with what was typed kept and nothing stored; a group whose raters are left
/// unstated refused at its raters, saved or (a draft stored without them) submitted, nothing stored. The page is
/// axe-clean in each state; the read-only view and English labels show the same.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SchemeRatersPageTests
{
    private const string Draft = "sample-raters-scheme";

    private static string Root => $"/api/pages/offices/{CycleFixture.Office}/schemes";

    private static string Editor => $"{Root}/{Draft}/versions/1";

    private static string Id(string field) => $"[id='{field}']";

    /// <summary>Focuses a field as a keyboard user reaches it and replaces what it holds with <paramref name="text"/>.</summary>
    private static async Task TypeAsync(IPage page, string field, string text)
    {
        await page.FocusAsync(Id(field));
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Backspace");
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Chooses <paramref name="value"/> in a (closed) select by keyboard: Home, then ArrowDown to its option.</summary>
    private static async Task ChooseAsync(IPage page, string field, string value)
    {
        var values = await page.Locator($"{Id(field)} option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        var index = Array.IndexOf(values, value);
        Assert.True(index >= 0, $"{field} offers {value}");
        await page.FocusAsync(Id(field));
        await page.Keyboard.PressAsync("Home");
        for (var i = 0; i < index; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.Equal(value, await page.InputValueAsync(Id(field)));
    }

    /// <summary>Presses Enter on a button (focused as a keyboard user reaches it), submitting its form.</summary>
    private static async Task<IResponse> PressAsync(IPage page, string button)
    {
        await page.Locator(button).First.FocusAsync();
        return await Chromium.SubmitByKeyAsync(page);
    }

    /// <summary>A screenshot of the rated indicators alone (the page is long), kept beside the whole page's.</summary>
    private static async Task ScreenshotRatedAsync(IPage page, string selector, string name)
    {
        var folder = Path.Combine(AzuriteFixture.RepositoryRoot(), ".artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.Locator(selector).First.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }

    [Fact]
    public async Task TheAppraisalOffice_EditsWhoRatesKAndTheFallback_ByKeyboard_AndBadValuesAreRefusedAtTheirFields()
    {
        var fixture = await CycleFixture.CreateAsync("2026-Q1");
        await using var host = new SelfHostProcess(fixture.Prefix, "Rat" + fixture.Prefix[2..]);
        await host.StartAsync();
        var schemes = new SchemeRepository(fixture.Account);

        await using var context = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var page = await context.NewPageAsync();
        await Chromium.SignInAsync(page, await host.TokenAsync("office-1", Role.AppraisalOffice, CycleFixture.Office), Root);
        await ChooseAsync(page, "source", "template:B");
        await TypeAsync(page, "schemeId", Draft);
        await PressAsync(page, "form button[type=submit]");
        await Chromium.WaitForUrlAsync(page, $"**{Editor}?done=created");

        // As stored from template B: conduct's leaders are office leaders with k = 3; its fallback 80.
        const string Leaders = "ratedIndicators[0].raterGroups[2]";
        Assert.Equal(("officeLeaders", "3", "80"), (await page.InputValueAsync(Id(Leaders + ".raters")), await page.InputValueAsync(Id(Leaders + ".minResponses")),
            await page.InputValueAsync(Id("ratedIndicators[0].fallbackRating"))));
        Assert.Equal("评价主体 · 定性指标（测评） 1 评价主体组 3", (await page.TextContentAsync($"label[for='{Leaders}.raters']"))!.Trim());

        // By keyboard: conduct's leaders become all staff with k = 4; skills falls back to 75 and gains a group rated by
        // case management (an empty group row added by a button, no script), the weights 60 / 40; rated after the
        // self-evaluation.
        await ChooseAsync(page, Leaders + ".raters", "allStaff");
        await TypeAsync(page, Leaders + ".minResponses", "4");
        await TypeAsync(page, "ratedIndicators[1].fallbackRating", "75");
        await ChooseAsync(page, "ratingWindow", "afterSelfEvaluation");
        Assert.Equal(200, (await PressAsync(page, "button[value='add:ratedIndicators[1].raterGroups']")).Status);
        Assert.Equal(("allStaff", "4", "75"), (await page.InputValueAsync(Id(Leaders + ".raters")), await page.InputValueAsync(Id(Leaders + ".minResponses")),
            await page.InputValueAsync(Id("ratedIndicators[1].fallbackRating"))));
        const string Added = "ratedIndicators[1].raterGroups[1]";
        Assert.Equal(string.Empty, await page.InputValueAsync(Id(Added + ".raters")));
        await TypeAsync(page, "ratedIndicators[1].raterGroups[0].weight", "60");
        await TypeAsync(page, Added + ".group", "case-management");
        await TypeAsync(page, Added + ".name.zh", "案件质量评查");
        await TypeAsync(page, Added + ".weight", "40");
        await ChooseAsync(page, Added + ".raters", "department");
        await ChooseAsync(page, Added + ".departmentId", "D11");
        await TypeAsync(page, Added + ".minResponses", "1");
        var created = (await schemes.GetAsync(Draft, 1))!;
        var saved = await PressAsync(page, "button[value=save]");
        Assert.Equal(200, saved.Status);
        Assert.Equal("已保存。", await page.InnerTextAsync("[role=status]"));

        var stored = (await schemes.GetAsync(Draft, 1))!;
        Assert.NotEqual(created.ETag, stored.ETag);
        var leaders = stored.Scheme.RatedIndicators[0].RaterGroups[2];
        Assert.Equal((RaterKind.AllStaff, 4), (leaders.Raters, leaders.MinResponses));
        var skills = stored.Scheme.RatedIndicators[1];
        Assert.Equal(75m, skills.FallbackRating);
        Assert.Equal(RatingWindow.AfterSelfEvaluation, stored.Scheme.RatingWindow);
        Assert.Equal(new RaterGroup { Group = "case-management", Name = new LocalizedText("案件质量评查"), Weight = 40, Raters = RaterKind.Department, DepartmentId = "D11", MinResponses = 1 },
            skills.RaterGroups[1]);
        Assert.Equal(60m, skills.RaterGroups[0].Weight);

        // Shown again as saved (the page after the save, and the page opened anew).
        foreach (var _ in new[] { "after the save", "opened anew" })
        {
            Assert.Equal(("allStaff", "4", "75", "D11", "afterSelfEvaluation"), (await page.InputValueAsync(Id(Leaders + ".raters")), await page.InputValueAsync(Id(Leaders + ".minResponses")),
                await page.InputValueAsync(Id("ratedIndicators[1].fallbackRating")), await page.InputValueAsync(Id(Added + ".departmentId")), await page.InputValueAsync("#ratingWindow")));
            await page.GotoAsync(Editor);
        }

        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "scheme-raters-saved");

        // k = 0: refused at that field, what was typed kept, nothing stored.
        await TypeAsync(page, Leaders + ".minResponses", "0");
        var before = await StorageSnapshot.TakeAsync(fixture.Account);
        Assert.Equal(422, (await PressAsync(page, "button[value=save]")).Status);
        Assert.Equal("true", await page.GetAttributeAsync(Id(Leaders + ".minResponses"), "aria-invalid"));
        Assert.Equal(Leaders + ".minResponses-error", await page.GetAttributeAsync(Id(Leaders + ".minResponses"), "aria-describedby"));
        Assert.Contains("$.ratedIndicators[0].raterGroups[2].minResponses", await page.InnerTextAsync(Id(Leaders + ".minResponses-error")), StringComparison.Ordinal);
        Assert.Equal(Leaders + ".minResponses", await page.GetAttributeAsync("#errors li", "data-field"));
        Assert.Equal("0", await page.InputValueAsync(Id(Leaders + ".minResponses")));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "scheme-raters-bad-k");
        await ScreenshotRatedAsync(page, "[id='ratedIndicators']", "scheme-raters-bad-k-groups");

        // Raters left unstated (the empty choice): refused at that group's raters, nothing stored.
        await TypeAsync(page, Leaders + ".minResponses", "4");
        await ChooseAsync(page, Leaders + ".raters", string.Empty);
        Assert.Equal(422, (await PressAsync(page, "button[value=save]")).Status);
        Assert.Equal("true", await page.GetAttributeAsync(Id(Leaders + ".raters"), "aria-invalid"));
        var unstated = await page.InnerTextAsync(Id(Leaders + ".raters-error"));
        Assert.Contains("方案草案应写明 'conduct-evaluation' 的评价主体组 'leaders' 由谁评价", unstated, StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "scheme-raters-unstated");
        await ScreenshotRatedAsync(page, $"[id='{Leaders}']", "scheme-raters-unstated-group");

        // A draft stored without a group's raters (as copied from a scheme decided before rater kinds): its submission
        // is refused at that group's raters, and it stays a draft.
        var legacy = stored.Scheme with { RatedIndicators = [stored.Scheme.RatedIndicators[0] with { RaterGroups = [.. stored.Scheme.RatedIndicators[0].RaterGroups.Take(2), leaders with { Raters = null, MinResponses = null }] }, skills] };
        await schemes.UpdateDraftAsync(legacy, stored.ETag);
        await page.GotoAsync(Editor);
        Assert.Equal(string.Empty, await page.InputValueAsync(Id(Leaders + ".raters")));
        before = await StorageSnapshot.TakeAsync(fixture.Account);
        Assert.Equal(422, (await PressAsync(page, "#submit-draft")).Status);
        Assert.Contains("'leaders'", await page.InnerTextAsync(Id(Leaders + ".raters-error")), StringComparison.Ordinal);
        Assert.Equal(Leaders + ".raters", await page.GetAttributeAsync("#errors li", "data-field"));
        Assert.Equal(SchemeStatus.Draft, (await schemes.GetAsync(Draft, 1))!.Status);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Account));

        // In English, and read-only for a supervisor: the same groups in words.
        await page.GotoAsync(Editor + "?lang=en");
        Assert.StartsWith("Who rates", (await page.InnerTextAsync($"label[for='{Added}.raters']")).Trim(), StringComparison.Ordinal);
        await Chromium.AssertAccessibleAsync(page);
        await ScreenshotRatedAsync(page, "[id='ratedIndicators[1]']", "scheme-raters-en");
        await using var supervisorContext = await Chromium.ContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", JavaScriptEnabled = false, BaseURL = host.Url.ToString() });
        var supervisor = await supervisorContext.NewPageAsync();
        await Chromium.SignInAsync(supervisor, await host.TokenAsync("supervisor-1", Role.Supervisor, CycleFixture.Office), Editor);
        Assert.Equal(0, await supervisor.Locator("main form").CountAsync());
        var groups = await supervisor.InnerTextAsync("main");
        Assert.Contains("评价主体：指定部门；评价部门（仅“指定部门”评价时）：", groups, StringComparison.Ordinal);
        Assert.Contains("（D11）", groups, StringComparison.Ordinal);
        Assert.Contains("自评结束后", groups, StringComparison.Ordinal);
        Assert.Contains("评价主体：未写明（按本部门同事计", groups, StringComparison.Ordinal); // the leaders, stored without raters
        await Chromium.AssertAccessibleAsync(supervisor);
        await Chromium.ScreenshotAsync(supervisor, "scheme-raters-read-only");
        await ScreenshotRatedAsync(supervisor, "table:has(th:text('评价主体组'))", "scheme-raters-read-only-groups");
    }
}
